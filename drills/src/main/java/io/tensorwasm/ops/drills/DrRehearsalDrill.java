package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.target.CommandResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full disaster-recovery rehearsal (seed 001, scenarios 2 and 3) on a scratch runtime it starts
 * itself, so production is never touched: deploy functions, {@code tensor-wasm backup} while it
 * serves, kill it and destroy its data directory (lost storage), {@code tensor-wasm restore},
 * restart, and find every function under its old id; then restart with rotated tokens (lost auth
 * state): the old token is refused, the new one accepted. Each recovery is timed against the
 * recovery time objective. The first failing step ends the rehearsal.
 */
final class DrRehearsalDrill implements Drill {

    private static final int FUNCTIONS = 3;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CLI_LIMIT = Duration.ofSeconds(90);

    private final Optional<List<String>> cli;
    private final Path scratch;
    private final Duration rto;
    private final HttpCalls http = new HttpCalls();

    DrRehearsalDrill(Optional<List<String>> cli, Path scratch, Duration rto) {
        this.cli = cli.map(List::copyOf);
        this.scratch = scratch;
        this.rto = rto;
    }

    @Override
    public String name() {
        return "dr-rehearsal";
    }

    @Override
    public String description() {
        return "A scratch runtime loses its storage, then its tokens: backup, restore and token"
                + " rotation timed against the recovery time objective of "
                + Durations.format(rto)
                + ".";
    }

    @Override
    public String runbook() {
        return "disaster-recovery";
    }

    @Override
    public List<DrillCheck> run() throws InterruptedException {
        if (cli.isEmpty()) {
            return List.of(
                    DrillCheck.fail(
                            "a scratch runtime of this build starts",
                            "this console has no tensor-wasm command line",
                            Duration.ZERO));
        }
        Path home = scratch.resolve("rehearsal-" + Instant.now().toEpochMilli());
        List<DrillCheck> checks = new ArrayList<>();
        try (ScratchRuntime runtime = new ScratchRuntime(cli.get(), home)) {
            rehearse(runtime, home, checks);
        }
        return checks;
    }

    private void rehearse(ScratchRuntime runtime, Path home, List<DrillCheck> checks)
            throws InterruptedException {
        String oldToken = token();
        if (!add(checks, started("a scratch runtime of this build starts", runtime, oldToken))) {
            return;
        }
        List<String> ids = new ArrayList<>();
        if (!add(checks, deploy(runtime, oldToken, ids))) {
            return;
        }
        Path backup = home.resolve("backup.zip");
        if (!add(checks, backup(runtime, oldToken, backup))) {
            return;
        }
        Instant lost = Instant.now();
        String killed = runtime.kill();
        runtime.destroyData();
        checks.add(
                DrillCheck.pass(
                        "the runtime is killed and its data directory destroyed (lost storage)",
                        killed + "; deleted " + runtime.dataDir(),
                        took(lost)));
        if (!add(checks, restore(runtime, backup))
                || !add(
                        checks,
                        started("the runtime restarts on the restored data", runtime, oldToken))
                || !add(checks, everyFunctionBack(runtime, oldToken, ids))) {
            return;
        }
        checks.add(withinRto("lost storage", Duration.between(lost, Instant.now())));
        Instant rotated = Instant.now();
        runtime.stop();
        String newToken = token();
        if (!add(checks, started("the runtime restarts with rotated tokens", runtime, newToken))
                || !add(checks, tokensRotated(runtime, oldToken, newToken, ids.size()))) {
            return;
        }
        checks.add(withinRto("lost auth state", Duration.between(rotated, Instant.now())));
    }

    private static DrillCheck started(String name, ScratchRuntime runtime, String token) {
        Instant start = Instant.now();
        CommandResult result = runtime.start(token);
        return result.ok()
                ? DrillCheck.pass(name, result.output(), took(start))
                : DrillCheck.fail(name, result.output(), took(start));
    }

    private DrillCheck deploy(ScratchRuntime runtime, String token, List<String> ids)
            throws InterruptedException {
        String name = FUNCTIONS + " functions deploy and invoke";
        Instant start = Instant.now();
        String module = Base64.getEncoder().encodeToString(adder());
        for (int i = 1; i <= FUNCTIONS; i++) {
            HttpCalls.Answer created =
                    http.postJson(
                            runtime.url().resolve("/functions"),
                            "{\"name\":\"rehearsal-" + i + "\",\"wasm_b64\":\"" + module + "\"}",
                            Optional.of(token));
            Matcher id = ID.matcher(created.body());
            if (created.status() != 201 || !id.find()) {
                return DrillCheck.fail(
                        name, "deploy of rehearsal-" + i + " " + created.describe(), took(start));
            }
            ids.add(id.group(1));
            Optional<String> wrong = invokes(runtime, token, id.group(1));
            if (wrong.isPresent()) {
                return DrillCheck.fail(name, wrong.get(), took(start));
            }
        }
        return DrillCheck.pass(
                name, String.join(", ", ids) + "; each adds 2 and 3 to 5", took(start));
    }

    private DrillCheck backup(ScratchRuntime runtime, String token, Path zip)
            throws InterruptedException {
        CliRun run =
                CliRun.of(
                        cli.get(),
                        List.of(
                                "backup",
                                "--server",
                                runtime.url().toString(),
                                "--out",
                                zip.toString()),
                        Map.of("TENSOR_WASM_TOKEN", token),
                        CLI_LIMIT);
        return cliCheck(
                "tensor-wasm backup saves the data directory while the runtime serves", run);
    }

    private DrillCheck restore(ScratchRuntime runtime, Path zip) throws InterruptedException {
        CliRun run =
                CliRun.of(
                        cli.get(),
                        List.of(
                                "restore",
                                "--data-dir",
                                runtime.dataDir().toString(),
                                zip.toString()),
                        Map.of(),
                        CLI_LIMIT);
        return cliCheck("tensor-wasm restore refills the destroyed data directory", run);
    }

    private DrillCheck everyFunctionBack(ScratchRuntime runtime, String token, List<String> ids)
            throws InterruptedException {
        String name = "every function is back under its old id and invokes";
        Instant start = Instant.now();
        for (String id : ids) {
            HttpCalls.Answer found =
                    http.get(runtime.url().resolve("/functions/" + id), Optional.of(token));
            if (found.status() != 200) {
                return DrillCheck.fail(name, id + " " + found.describe(), took(start));
            }
            Optional<String> wrong = invokes(runtime, token, id);
            if (wrong.isPresent()) {
                return DrillCheck.fail(name, wrong.get(), took(start));
            }
        }
        return DrillCheck.pass(
                name,
                ids.size() + " of " + ids.size() + ": " + String.join(", ", ids),
                took(start));
    }

    private DrillCheck tokensRotated(
            ScratchRuntime runtime, String oldToken, String newToken, int functions)
            throws InterruptedException {
        String name = "the old token is refused (401) and the new one accepted";
        Instant start = Instant.now();
        HttpCalls.Answer old = http.get(runtime.url().resolve("/functions"), Optional.of(oldToken));
        HttpCalls.Answer fresh =
                http.get(runtime.url().resolve("/functions"), Optional.of(newToken));
        String observed = "the old token " + old.describe() + ", the new one " + fresh.describe();
        boolean all = fresh.body().split("\"id\"", -1).length - 1 == functions;
        return old.status() == 401 && fresh.status() == 200 && all
                ? DrillCheck.pass(
                        name, observed + " listing " + functions + " functions", took(start))
                : DrillCheck.fail(name, observed, took(start));
    }

    private DrillCheck withinRto(String scenario, Duration recovery) {
        String name = scenario + " is recovered within the RTO of " + Durations.format(rto);
        String observed =
                "recovered in "
                        + String.format(Locale.ROOT, "%.1f s", recovery.toMillis() / 1000.0)
                        + " against "
                        + Durations.format(rto);
        return recovery.compareTo(rto) <= 0
                ? DrillCheck.pass(name, observed, recovery)
                : DrillCheck.fail(name, observed, recovery);
    }

    private Optional<String> invokes(ScratchRuntime runtime, String token, String id)
            throws InterruptedException {
        HttpCalls.Answer sum =
                http.postJson(
                        runtime.url().resolve("/functions/" + id + "/invoke"),
                        "{\"export\":\"add\",\"args\":[2,3]}",
                        Optional.of(token));
        return sum.status() == 200 && sum.body().equals("{\"result\":[5]}")
                ? Optional.empty()
                : Optional.of(id + " invoke " + sum.describe() + ": " + sum.body());
    }

    private static DrillCheck cliCheck(String name, CliRun run) {
        return run.ok()
                ? DrillCheck.pass(name, run.lastLine(), run.took())
                : DrillCheck.fail(
                        name, "exit " + run.exitCode() + ": " + run.lastLine(), run.took());
    }

    private static boolean add(List<DrillCheck> checks, DrillCheck check) {
        checks.add(check);
        return check.passed();
    }

    private static byte[] adder() {
        try (InputStream in = DrRehearsalDrill.class.getResourceAsStream("/drill/adder.wasm")) {
            if (in == null) {
                throw new IllegalStateException("/drill/adder.wasm: not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("/drill/adder.wasm: cannot read", e);
        }
    }

    private static String token() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return "rehearsal-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Duration took(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
