package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.Decision;
import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RecordingPager;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.PrometheusServer;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18's acceptance: every shipped runbook runs for real, with scripted approvals, against a
 * real runtime started as a local process from a releases folder (the local target adapter) and a
 * real Prometheus that scrapes it with the shipped rules. Each page runs along as many paths as it
 * takes to reach every one of its steps (a run may start at a step, as {@code twops runbook run
 * --from} does); every step either runs or is declared manual by the local target with its reason,
 * and none is refused. {@code upgrade} gets past its pre-flight to its verification, and the counts
 * by kind are printed for the closing note. The fleet's runbooks ({@code lb} and {@code release}
 * steps, fleet blocks) address members of a fleet, which a single local process is not: {@link
 * FleetIT} runs them across real replicas behind HAProxy.
 */
class CatalogueRunsIT {

    private static final LintReport CATALOGUE =
            Catalog.lintResources(
                    "runbooks", CatalogueRunsIT.class.getClassLoader(), AllowlistFile.defaults());
    private static final String TOKEN = "catalogue-admin-t0ken";

    /** The runbooks that address fleet members, which FleetIT runs across real replicas. */
    private static final Set<String> FLEET = Set.of("fleet-upgrade", "rollback-member");

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir Path dir;

    /** One run of a page: where it starts, the answers of its questions, what the person does. */
    private record Walk(String runbook, int from, Map<Integer, String> answers) {}

    @Test
    void everyShippedRunbookRunsEveryStepOrDeclaresItManualAndNoneIsRefused() throws Exception {
        long testBegan = System.nanoTime();
        assertThat(CATALOGUE.problems()).as("the catalogue lints clean").isEmpty();
        Path root = dir.toAbsolutePath();
        String version = Version.tag();
        Path releases = release(root, version);
        int port = FreePort.next();
        String runtime = "http://127.0.0.1:" + port;
        Path env =
                Files.writeString(
                        root.resolve("runtime.env"),
                        "TENSOR_WASM_API_TOKENS="
                                + TOKEN
                                + ":tenant=*\n"
                                + "TENSOR_WASM_API_AUDIT_LOG=file:"
                                + root.resolve("audit.log")
                                + "\n"
                                + "TENSOR_WASM_API_AUDIT_SEGMENT_BYTES=4096\n");
        LocalProcessTarget local =
                LocalProcessTarget.builder()
                        .command(
                                List.of(
                                        releases.resolve("current/bin/tensor-wasm").toString(),
                                        "serve",
                                        "--bind",
                                        "127.0.0.1",
                                        "--port",
                                        Integer.toString(port),
                                        "--data-dir",
                                        root.resolve("data").toString()))
                        .releases(releases)
                        .configFile(env)
                        .directory(root)
                        .pidFile(root.resolve("runtime.pid"))
                        .logFile(root.resolve("runtime.log"))
                        .healthUrl(URI.create(runtime + "/healthz"))
                        .startTimeout(Duration.ofSeconds(90))
                        .build();
        Path rules =
                Files.writeString(
                        root.resolve("tensor-wasm.rules.yml"),
                        RuleFiles.generate("test", BaseUrls.DEFAULTS));
        CommandResult started = local.perform(Action.Operation.START);
        assertThat(started.ok()).as(started.output()).isTrue();
        AtomicBoolean traffic = new AtomicBoolean(true);
        Map<String, List<ExecutionReport>> reports = new LinkedHashMap<>();
        List<String> troubles = new ArrayList<>();
        RecordingPager pager = new RecordingPager();
        Person person = new Person(local, root);
        try (PrometheusServer prometheus =
                        PrometheusServer.builder()
                                .scrape("tensor-wasm", "127.0.0.1:" + port)
                                .ruleFile(rules)
                                .start();
                ExecutionStore store =
                        JdbcExecutionStore.open("jdbc:h2:file:" + root.resolve("engine"), "", "")) {
            HarnessClient admin = HarnessClient.of(port).withToken(TOKEN);
            String adder = deploy(admin, "adder", WasmCorpus.base64("ok"));
            String kernel = deploy(admin, "kernel", WasmCorpus.base64("matmul-kernel"));
            Thread load = load(port, adder, kernel, traffic);
            backup(admin, root.resolve("backup.zip"));
            traced(admin);
            long rulesAwaited = System.nanoTime();
            awaitRules(prometheus);
            System.out.printf(
                    "catalogue: runtime and Prometheus up in %.1f s; the rules had data %.1f s"
                            + " later%n",
                    (rulesAwaited - testBegan) / 1e9, (System.nanoTime() - rulesAwaited) / 1e9);
            Map<String, String> vars = new HashMap<>();
            vars.put("runtime", runtime);
            vars.put("prometheus", prometheus.baseUri().toString().replaceAll("/$", ""));
            vars.put("target_version", version);
            vars.put("audit_log", root.resolve("audit.log").toString());
            vars.put("data_dir", root.toString());
            vars.put("backup", root.resolve("backup.zip").toString());
            vars.put("trace_id", TRACE);
            vars.put("advisory", "GHSA-dry0-run0-test");
            vars.put(
                    "values",
                    RepositoryFiles.path("deploy/helm/tensor-wasm/values.yaml").toString());
            vars.put(
                    "compose",
                    RepositoryFiles.path("deploy/compose/docker-compose.yml").toString());
            RunContext.Builder context =
                    RunContext.builder()
                            .store(store)
                            .metrics(MetricSource.prometheus(prometheus.baseUri()))
                            .runtimeToken(TOKEN)
                            .target("runtime", local)
                            .cliTool("tensor-wasm", TensorWasmCommand.javaCommand())
                            .allowlist(AllowlistFile.defaults())
                            .approvals(person)
                            .pager(pager)
                            .catalog(CATALOGUE::runbook)
                            .pollInterval(Duration.ofMillis(250))
                            .pace(0.002);
            vars.forEach(context::variable);
            Executor executor = new Executor(context.build());
            for (Walk path : paths()) {
                long began = System.nanoTime();
                Runbook runbook = CATALOGUE.runbook(path.runbook()).orElseThrow();
                if (QUIET_FIRST.contains(path.runbook())) {
                    // Their pre-flight refuses to start while any alert fires, as it should; a
                    // person starts them on a quiet system, after runtime-down's alert resolved.
                    awaitNoFiringAlert(prometheus);
                }
                long quietAfter = System.nanoTime();
                person.answers(path.runbook(), path.answers());
                ExecutionReport report =
                        executor.run(
                                runbook,
                                new RunRequest(
                                        Mode.INTERACTIVE,
                                        Trigger.person("catalogue"),
                                        "",
                                        path.from()));
                System.out.println(
                        "catalogue run "
                                + path.runbook()
                                + " from "
                                + path.from()
                                + ": "
                                + report.status().word()
                                + "; "
                                + report.summary()
                                // Where the test's time goes, for whoever finds it slow.
                                + String.format(
                                        " (%.1f s; waited %.1f s for quiet first)",
                                        (System.nanoTime() - quietAfter) / 1e9,
                                        (quietAfter - began) / 1e9));
                // A failed step's output says why (a target that did not start names its log's
                // last line), so a failing walk can be read from the build log alone.
                report.steps().stream()
                        .filter(r -> r.status() == StepResult.Status.FAILED)
                        .forEach(r -> System.out.println("  step " + r.step() + ": " + r.output()));
                reports.computeIfAbsent(path.runbook(), k -> new ArrayList<>()).add(report);
                if (report.steps().stream().anyMatch(r -> r.status() == StepResult.Status.FAILED)) {
                    // What a failing assertion below shows: CI keeps only the build log's tail.
                    troubles.add(
                            path.runbook()
                                    + " from "
                                    + path.from()
                                    + ":\n"
                                    + report.render()
                                    + "\nalerts then: "
                                    + prometheus.query("ALERTS"));
                }
            }
            traffic.set(false);
            load.join(5000);
        } finally {
            local.perform(Action.Operation.STOP);
        }
        assertEveryStepRanOrWasDeclaredManualAndNoneWasRefused(reports, person, troubles);
        assertUpgradeReachedItsVerification(reports.get("upgrade").get(0));
        printTheTargetStepsEachAdapterDeclaresManual(local);
    }

    /**
     * Per target adapter, how many of the catalogue's target steps it does and how many it declares
     * manual: the local one ran above; the others' are their declarations, for the closing note.
     */
    private static void printTheTargetStepsEachAdapterDeclaresManual(LocalProcessTarget local) {
        Map<String, io.tensorwasm.ops.engine.target.TargetAdapter> adapters = new LinkedHashMap<>();
        adapters.put("local (releases, env file)", local);
        adapters.put(
                "systemd", new io.tensorwasm.ops.engine.target.SystemdTarget("tensor-wasm", true));
        adapters.put(
                "kubernetes",
                new io.tensorwasm.ops.engine.target.KubernetesTarget(
                        "tensor-wasm", "tensor-wasm", "", 1));
        adapters.put(
                "helm",
                new io.tensorwasm.ops.engine.target.KubernetesTarget(
                                "tensor-wasm", "tensor-wasm", "", 1)
                        .withHelm(
                                "tensor-wasm",
                                "./deploy/helm/tensor-wasm",
                                Path.of("values.saved.yaml")));
        adapters.put(
                "compose",
                new io.tensorwasm.ops.engine.target.ComposeTarget(
                        Path.of("docker-compose.yml"), "tensor-wasm"));
        List<Action.TargetOp> ops =
                CATALOGUE.runbooks().stream()
                        .flatMap(r -> r.steps().stream())
                        .map(Step::action)
                        .filter(a -> a instanceof Action.TargetOp)
                        .map(a -> (Action.TargetOp) a)
                        .toList();
        StringBuilder table =
                new StringBuilder(
                        "target steps of the catalogue by adapter: done, declared manual\n");
        adapters.forEach(
                (name, adapter) -> {
                    long manual =
                            ops.stream()
                                    .filter(op -> adapter.manual(op.operation()).isPresent())
                                    .count();
                    table.append(
                            String.format("  %-28s %3d %3d%n", name, ops.size() - manual, manual));
                });
        System.out.print(table);
    }

    /** The runs that together reach every step of every page. */
    private static List<Walk> paths() {
        return List.of(
                new Walk("availability-fast-burn", 1, Map.of()),
                new Walk("availability-slow-burn", 1, Map.of(4, "yes")),
                new Walk("availability-very-slow-burn", 1, Map.of()),
                new Walk("invoke-latency-spike", 1, Map.of(4, "yes")),
                new Walk("healthz-slow", 1, Map.of()),
                new Walk("dispatch-latency-spike", 1, Map.of()),
                new Walk("dispatch-latency-spike", 3, Map.of(3, "yes")),
                new Walk("runtime-down", 1, Map.of()),
                new Walk("runtime-down", 2, Map.of()),
                new Walk("upgrade", 1, Map.of()),
                new Walk("rollback", 1, Map.of()),
                new Walk("rollback", 5, Map.of()),
                new Walk("disaster-recovery", 1, Map.of(1, "yes", 4, "yes")),
                new Walk("disaster-recovery", 5, Map.of(9, "yes")),
                new Walk("disaster-recovery", 12, Map.of(13, "backup", 17, "no")),
                new Walk("disaster-recovery", 13, Map.of(13, "snapshot", 15, "yes")),
                new Walk("disaster-recovery", 23, Map.of(23, "yes")),
                new Walk("disaster-recovery", 28, Map.of()),
                new Walk("oncall-paging", 1, Map.of(1, "yes", 4, "yes", 9, "yes")),
                new Walk("oncall-paging", 4, Map.of(4, "no")),
                new Walk("trace-id", 1, Map.of()),
                new Walk("cve-disclosure-dry-run", 1, Map.of(3, "high")),
                new Walk("ghcr-registry-provisioning", 1, Map.of()),
                new Walk("self-hosted-cuda-runner", 1, Map.of(3, "no")),
                new Walk("self-hosted-cuda-runner", 2, Map.of(3, "yes")),
                new Walk("self-hosted-cuda-runner", 8, Map.of()));
    }

    private static void assertEveryStepRanOrWasDeclaredManualAndNoneWasRefused(
            Map<String, List<ExecutionReport>> reports, Person person, List<String> troubles) {
        Map<String, int[]> counts = new TreeMap<>();
        Map<String, int[]> byVerb = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        int ran = 0;
        int manual = 0;
        int steps = 0;
        assertThat(
                        CATALOGUE.runbooks().stream()
                                .filter(CatalogueRunsIT::addressesMembers)
                                .map(Runbook::id)
                                .collect(Collectors.toSet()))
                .as("the runbooks FleetIT runs instead")
                .isEqualTo(FLEET);
        for (Runbook runbook : CATALOGUE.runbooks()) {
            if (FLEET.contains(runbook.id())) {
                continue;
            }
            List<StepResult> results =
                    reports.getOrDefault(runbook.id(), List.of()).stream()
                            .flatMap(r -> r.steps().stream())
                            .toList();
            Set<Integer> reached =
                    results.stream()
                            .map(StepResult::step)
                            .collect(Collectors.toCollection(TreeSet::new));
            Set<Integer> declared =
                    results.stream()
                            .filter(r -> r.note().startsWith("manual on "))
                            .map(StepResult::step)
                            .collect(Collectors.toCollection(TreeSet::new));
            for (Step step : runbook.steps()) {
                steps++;
                int[] verb = byVerb.computeIfAbsent(step.action().verb(), k -> new int[3]);
                verb[0]++;
                if (!reached.contains(step.number())) {
                    unreached.add(runbook.id() + " step " + step.number());
                } else if (declared.contains(step.number())) {
                    manual++;
                    verb[2]++;
                } else {
                    ran++;
                    verb[1]++;
                }
            }
            for (StepResult r : results) {
                String all = r.check().observed() + " " + r.output() + " " + r.note();
                if (all.contains("not on the allowlist")
                        || all.contains("[refused")
                        || all.contains("is manual here")) {
                    refused.add(runbook.id() + " step " + r.step() + ": " + all.strip());
                }
            }
            counts.put(
                    runbook.id(),
                    new int[] {
                        runbook.steps().size(), reached.size() - declared.size(), declared.size()
                    });
        }
        person.reviews.stream()
                .filter(r -> r.contains("[refused"))
                .forEach(r -> refused.add("shown: " + r));
        StringBuilder table =
                new StringBuilder(
                        "catalogue on the local target: runbook, steps, ran, declared manual\n");
        counts.forEach(
                (id, c) ->
                        table.append(String.format("  %-28s %3d %3d %3d%n", id, c[0], c[1], c[2])));
        table.append(String.format("  %-28s %3d %3d %3d%n", "all", steps, ran, manual));
        table.append("by kind: verb, steps, ran, declared manual\n");
        byVerb.forEach(
                (verb, c) ->
                        table.append(
                                String.format("  %-28s %3d %3d %3d%n", verb, c[0], c[1], c[2])));
        person.manualReasons.forEach(r -> table.append("  manual: ").append(r).append('\n'));
        System.out.print(table);
        assertThat(refused).as("refused steps").isEmpty();
        assertThat(unreached)
                .as(
                        "steps no run reached; the walks with a failed step:\n"
                                + String.join("\n\n", troubles))
                .isEmpty();
        assertThat(ran + manual).isEqualTo(steps);
        assertThat(manual).as("declared manual on the local target").isPositive();
    }

    /** True when a runbook has a fleet block, or an lb or release step (which need a member). */
    private static boolean addressesMembers(Runbook runbook) {
        return !runbook.fleetBlocks().isEmpty()
                || runbook.steps().stream()
                        .anyMatch(
                                s ->
                                        s.action() instanceof Action.Lb
                                                || s.action() instanceof Action.Release);
    }

    private static void assertUpgradeReachedItsVerification(ExecutionReport upgrade) {
        assertThat(upgrade.status()).as(upgrade.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(upgrade.steps())
                .extracting(StepResult::step)
                .containsSubsequence(5, 6, 7, 8, 9, 10, 11, 12, 14, 20, 22);
        assertThat(upgrade.steps())
                .filteredOn(
                        s -> s.step() >= 1 && s.step() <= 22 && s.step() != 10 && s.step() != 13)
                .allMatch(s -> s.status() == StepResult.Status.PASSED, "every step passed");
        assertThat(
                        upgrade.steps().stream()
                                .filter(s -> s.step() == 11)
                                .findFirst()
                                .orElseThrow()
                                .output())
                .contains("upgraded from " + Version.tag() + " to " + Version.tag());
    }

    /**
     * The person: approves every step, confirms, answers the run's questions, acts where a step
     * says to.
     */
    private static final class Person implements Approvals {
        private final LocalProcessTarget local;
        private final Path root;
        private final List<String> reviews = new ArrayList<>();
        private final Set<String> manualReasons = new TreeSet<>();
        private String runbook = "";
        private Map<Integer, String> answers = Map.of();

        Person(LocalProcessTarget local, Path root) {
            this.local = local;
            this.root = root;
        }

        void answers(String id, Map<Integer, String> byStep) {
            runbook = id;
            answers = byStep;
        }

        @Override
        public Decision review(Runbook page, Step step, String action) {
            reviews.add(page.id() + " " + step.number() + ": " + action);
            if (action.contains("[manual on ")) {
                manualReasons.add(
                        action.substring(action.indexOf("[manual on ") + 1, action.length() - 1)
                                .replaceAll("\\(pid file [^)]*\\)", "(pid file ...)"));
            }
            return Decision.approve("catalogue");
        }

        @Override
        public boolean confirm(Runbook page, Step step, String statement) {
            if (page.id().equals("disaster-recovery") && step.number() == 12) {
                // What the confirmation states: the runtime is stopped, the data moved aside.
                assertThat(local.perform(Action.Operation.STOP).ok()).isTrue();
                try {
                    Files.move(
                            root.resolve("data"), root.resolve("data.lost-" + System.nanoTime()));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return true;
        }

        @Override
        public String choose(Runbook page, Step step, String question, List<String> choices) {
            String answer = page.id().equals(runbook) ? answers.get(step.number()) : null;
            if (answer == null) {
                throw new IllegalStateException(
                        page.id()
                                + " step "
                                + step.number()
                                + ": no scripted answer to \""
                                + question
                                + "\"");
            }
            return answer;
        }
    }

    /** A releases folder with this build as its one release, current. */
    private static Path release(Path root, String version) throws Exception {
        Path releases = root.resolve("releases");
        Path bin = Files.createDirectories(releases.resolve(version).resolve("bin"));
        List<String> java = TensorWasmCommand.javaCommand();
        Path program = bin.resolve("tensor-wasm");
        Files.writeString(
                program,
                "#!/bin/sh\nexec '"
                        + java.get(0)
                        + "' -cp '"
                        + java.get(2)
                        + "' "
                        + java.get(3)
                        + " \"$@\"\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(releases.resolve("current"), Path.of(version));
        return releases;
    }

    private static String deploy(HarnessClient admin, String name, String wasm) throws Exception {
        HttpResponse<String> created =
                admin.postJson(
                        "/functions", "{\"name\":\"" + name + "\",\"wasm_b64\":\"" + wasm + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return LiveRuntime.id(created.body());
    }

    /**
     * Tenants' traffic, so the SLO rules have data: an invoke every 100 ms and a kernel dispatch
     * every 20 ms; it rides out restarts. The kernels come often enough that a restarted JVM
     * compiles its dispatch path within seconds: at one dispatch per 100 ms it stayed interpreted
     * for half a minute, and the test profile's 10 s and 40 s windows read the cold dispatches as a
     * latency spike (TensorWasmDispatchLatencySpike pages) right when upgrade's step 19 checks that
     * no page fires. The production windows (5 m and 1 h) hold too many warm dispatches for that.
     */
    private static Thread load(int port, String id, String kernel, AtomicBoolean on) {
        Thread thread =
                new Thread(
                        () -> {
                            HarnessClient client = HarnessClient.of(port).withToken(TOKEN);
                            for (long tick = 0; on.get(); tick++) {
                                try {
                                    if (tick % 5 == 0) {
                                        client.postJson(
                                                "/functions/" + id + "/invoke",
                                                "{\"export\":\"add\",\"args\":[2,3]}");
                                    }
                                    client.postJson(
                                            "/functions/" + kernel + "/invoke",
                                            "{\"export\":\"run\",\"args\":[4]}");
                                } catch (Exception restarting) {
                                    // The runtime is restarting; the next call finds it again.
                                }
                                try {
                                    Thread.sleep(20);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        },
                        "catalogue traffic");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void backup(HarnessClient admin, Path zip) throws Exception {
        HttpResponse<Path> response =
                java.net.http.HttpClient.newHttpClient()
                        .send(
                                admin.request("/admin/backup")
                                        .POST(HttpRequest.BodyPublishers.noBody())
                                        .build(),
                                HttpResponse.BodyHandlers.ofFile(zip));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    /** A request whose trace id the trace-id recipe looks for. */
    private static void traced(HarnessClient admin) throws Exception {
        HttpResponse<String> created =
                admin.send(
                        admin.request("/functions")
                                .header("x-trace-id", TRACE)
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"name\":\"traced\",\"wasm_b64\":\"AGFzbQEAAAA=\"}"))
                                .build());
        assertThat(created.headers().firstValue("x-trace-id")).contains(TRACE);
    }

    /** Waits until the burn-rate rules have a value, so the pages' checks read data. */
    /** The pages whose pre-flight asks that no alert fires. */
    private static final java.util.Set<String> QUIET_FIRST =
            java.util.Set.of("upgrade", "rollback");

    private static void awaitNoFiringAlert(PrometheusServer prometheus) throws Exception {
        String answer = "";
        for (int i = 0; i < 240; i++) {
            answer = prometheus.query("count(ALERTS{alertstate=\"firing\"}) or vector(0)");
            if (answer.contains("\"0\"]")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("alerts still firing after 120 s: " + answer);
    }

    private static void awaitRules(PrometheusServer prometheus) throws Exception {
        for (int i = 0; i < 120; i++) {
            String answer = prometheus.query("tensor_wasm:invoke_availability:burnrate5m");
            String latency = prometheus.query("tensor_wasm:invoke_latency_p95:rate5m");
            String dispatch = prometheus.query("max(tensor_wasm:kernel_dispatch_p95:rate5m)");
            if (answer.contains("\"value\"")
                    && latency.contains("\"value\"")
                    && dispatch.contains("\"value\"")
                    && !dispatch.contains("NaN")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the burn-rate rules had no value after 60 s");
    }
}
