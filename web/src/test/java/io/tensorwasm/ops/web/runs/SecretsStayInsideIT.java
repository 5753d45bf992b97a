package io.tensorwasm.ops.web.runs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.access.TokenStore;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.HttpRecorder;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import io.tensorwasm.ops.web.health.PlatformHealth;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The runtime's token and a console token pushed through every way a run's values leave the engine
 * (issue #16, finding 8): a step variable, a check's observed value polled many times, a confirm
 * prompt, a page message, an escalation, a shell step's output, a step's error (which the engine
 * logs). Then every place they could land is searched: every text column of every table of the
 * console's database, the log, the event stream, the execution page as rendered, and the pages the
 * rotation's pager received. A shell step's environment holds nothing of the console's beyond PATH,
 * HOME, LANG, LC_ALL and TZ.
 */
class SecretsStayInsideIT {

    private static final Pattern QUESTION =
            Pattern.compile("data-question=\"(\\d+)\"[^>]*>\\s*<h2>Step (\\d+) waits for (a \\w+)");
    private static final List<String> INHERITED = List.of("PATH", "HOME", "LANG", "LC_ALL", "TZ");

    @TempDir Path dir;

    @Test
    void neitherTokenLeavesTheEngineByAnyPath() throws Exception {
        String runtimeToken = randomToken();
        Database database =
                Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        TokenStore tokens = new TokenStore(database.dataSource(), Clock.systemUTC());
        String admin = tokens.issue("ada admin", Role.ADMIN).token();
        String consoleToken = tokens.issue("pager robot", Role.VIEWER).token();
        Path secretsFile =
                Files.writeString(
                        dir.resolve("secrets.txt"),
                        "runtime " + runtimeToken + " console " + consoleToken + "\n");
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("secrets.md"), runbook(secretsFile));
        StringBuilder html = new StringBuilder();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Runnable stopLogging = captureLog(log);
        try (HttpRecorder runtime =
                        HttpRecorder.answering(
                                200,
                                "{\"status\":\"ok\",\"held\":\""
                                        + runtimeToken
                                        + "\",\"note\":\""
                                        + consoleToken
                                        + "\"}");
                HttpRecorder pager = HttpRecorder.answering(200, "{}")) {
            ConsoleParts[] parts = new ConsoleParts[1];
            long[] id = new long[1];
            String[] events = new String[1];
            try {
                Harness.serve(
                        vertx -> {
                            parts[0] =
                                    parts(vertx, database, runtime, pager, runbooks, runtimeToken);
                            return ConsoleRoutes.create(vertx, parts[0]);
                        },
                        (port, client) -> {
                            ConsoleSession session = ConsoleSession.signIn(client, admin);
                            id[0] =
                                    ConsoleSession.executionOf(
                                            session.submit(
                                                    "/runbooks/secrets",
                                                    "/runbooks/secrets/run",
                                                    Map.of()));
                            String page = "/executions/" + id[0];
                            CompletableFuture<List<String>> stream =
                                    follow(client, admin, page + "/events?after=0");
                            drive(session, page, html);
                            html.append(session.get(page).body());
                            events[0] = String.join("\n", stream.get(30, TimeUnit.SECONDS));
                        });
            } finally {
                if (parts[0] != null) {
                    parts[0].close();
                }
            }
            String tables = everyTextColumn(database);
            String pages = String.join("\n", pager.bodies());
            List<StepResult> steps =
                    parts[0].onCall().runs().store().find(id[0]).orElseThrow().steps();

            SoftAssertions softly = new SoftAssertions();
            for (String token : List.of(runtimeToken, consoleToken)) {
                String which = token.equals(runtimeToken) ? "the runtime token" : "a console token";
                softly.assertThat(tables).as(which + " in the database").doesNotContain(token);
                softly.assertThat(log.toString(StandardCharsets.UTF_8))
                        .as(which + " in the log")
                        .doesNotContain(token);
                softly.assertThat(events[0])
                        .as(which + " in the event stream")
                        .doesNotContain(token);
                softly.assertThat(html).as(which + " in the execution page").doesNotContain(token);
                softly.assertThat(pages).as(which + " in the pages sent").doesNotContain(token);
            }
            softly.assertThat(childEnvironment(steps.get(4)))
                    .as("the environment of a shell step's process")
                    .isSubsetOf(INHERITED);
            // The paths were taken, with the values cut out: the search above looked where they go.
            softly.assertThat(count(events[0], "event: poll\ndata: {\"step\":1,"))
                    .as("polls of step 1 streamed")
                    .isGreaterThanOrEqualTo(3);
            softly.assertThat(polls(database, id[0]))
                    .as("polls of step 1 stored")
                    .isGreaterThanOrEqualTo(3);
            softly.assertThat(events[0])
                    .contains("\"text\":\"The runtime answered [redacted] and [redacted]\"");
            softly.assertThat(html.toString())
                    .contains("The runtime answered [redacted] and [redacted]");
            softly.assertThat(pages).contains("saw [redacted] and [redacted]");
            softly.assertThat(steps.get(3).output())
                    .isEqualTo("exit 0: runtime [redacted] console [redacted]");
            softly.assertThat(tables)
                    .contains("body.held=\"[redacted]\", body.note=\"[redacted]\"");
            softly.assertThat(log.toString(StandardCharsets.UTF_8))
                    .contains(
                            "DEBUG io.tensorwasm.ops.engine.exec.StepRunner step 6 of secrets threw"
                                    + " IllegalStateException: {steps.1.body} is not a single value"
                                    + " but {status=ok, held=[redacted], note=[redacted]}");
            softly.assertAll();
        } finally {
            stopLogging.run();
            database.close();
        }
    }

    private String runbook(Path secretsFile) {
        return """
                ---
                id: secrets
                kind: procedure
                severity: sev-2
                sla: 10m
                ---

                # Secrets stay inside

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `http GET {runtime}/secrets` | `body.held == "never" or body.note == "never"` | 1s | continue | 30s |
                | 2 | `confirm "The runtime answered {steps.1.body.held} and {steps.1.body.note}"` | | | continue | 30s |
                | 3 | `page sev-2 "saw {steps.1.body.held} and {steps.1.body.note}"` | | | continue | 30s |
                | 4 | `shell cat FILE` | | | continue | 30s |
                | 5 | `shell cat /proc/self/environ` | | | continue | 30s |
                | 6 | `http GET {runtime}/echo/{steps.1.body}` | | | continue | 30s |
                | 7 | `check` | `steps[1].body.held == "never"` | | escalate | 30s |

                Escalation: page the on-call with what the runtime answered.
                """
                .replace("FILE", secretsFile.toString());
    }

    /** Console parts over the database, a stand-in runtime and a rotation of one local pager. */
    private ConsoleParts parts(
            io.vertx.core.Vertx vertx,
            Database database,
            HttpRecorder runtime,
            HttpRecorder pager,
            Path runbooks,
            String runtimeToken) {
        try {
            Path rotations =
                    Files.writeString(
                            dir.resolve("rotations.yml"),
                            "ack_timeout: 10m\n"
                                    + tier("primary", "Ana", pager)
                                    + tier("secondary", "Bo", pager)
                                    + tier("lead", "Cy", pager));
            ConsoleConfig config =
                    ConsoleConfig.builder()
                            .port(0)
                            .dataDir(dir.resolve("data"))
                            .runtimeUrl(runtime.url(""))
                            .runbooks(List.of(runbooks))
                            .onCall(OnCallSettings.DEFAULTS.withRotations(rotations))
                            .build();
            PlatformHealth health =
                    new PlatformHealth(
                            vertx, runtime.url(""), Optional.empty(), database, Clock.systemUTC());
            return ConsoleParts.create(
                    vertx,
                    config,
                    database,
                    health,
                    RunEnvironment.none()
                            .withPollInterval(Duration.ofMillis(100))
                            .withRuntimeToken(runtimeToken));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String tier(String tier, String person, HttpRecorder pager) {
        return tier
                + ": {person: "
                + person
                + ", channel: webhook, url: \""
                + pager.url("/" + tier)
                + "\"}\n";
    }

    /** Answers every question until the run ends: approves each step, says no to the confirm. */
    private static void drive(ConsoleSession session, String page, StringBuilder html)
            throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            assertThat(Instant.now()).as("the run to end").isBefore(deadline);
            String body = session.get(page).body();
            html.append(body);
            Matcher q = QUESTION.matcher(body);
            if (q.find()) {
                boolean confirm = q.group(3).equals("a confirmation");
                Map<String, String> form = new HashMap<>();
                form.put("question", q.group(1));
                form.put("X-XSRF-TOKEN", ConsoleSession.csrf(body));
                if (confirm) {
                    form.put("holds", "no");
                }
                HttpResponse<String> answered =
                        session.client.postForm(page + (confirm ? "/confirm" : "/approve"), form);
                assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
            } else if (!body.contains("data-events=")) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static CompletableFuture<List<String>> follow(
            HarnessClient client, String token, String path) {
        HttpRequest request =
                client.withToken(token)
                        .request(path)
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        return HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().collect(Collectors.toList()));
    }

    /** Every column of every row of every table, as text. */
    private static String everyTextColumn(Database database) throws SQLException {
        StringBuilder all = new StringBuilder();
        try (Connection c = database.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs =
                    c.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).as("the console's tables").contains("CONSOLE_CHECK_POLL");
            for (String table : tables) {
                try (ResultSet rs =
                        c.createStatement().executeQuery("select * from \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(table)
                                    .append('.')
                                    .append(i)
                                    .append('=')
                                    .append(rs.getString(i))
                                    .append('\n');
                        }
                    }
                }
            }
        }
        return all.toString();
    }

    private static long polls(Database database, long execution) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
                ResultSet rs =
                        c.createStatement()
                                .executeQuery(
                                        "select count(*) from console_check_poll where execution_id = "
                                                + execution
                                                + " and step_number = 1")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The names of the variables a {@code cat /proc/self/environ} step printed. */
    private static List<String> childEnvironment(StepResult step) {
        List<String> outside =
                System.getenv().keySet().stream().filter(n -> !INHERITED.contains(n)).toList();
        assertThat(outside)
                .as("this test needs a variable beyond " + INHERITED + " in its own environment")
                .isNotEmpty();
        String output = step.output().substring(step.output().indexOf(": ") + 2);
        return Arrays.stream(output.split("\0"))
                .filter(entry -> entry.contains("="))
                .map(entry -> entry.substring(0, entry.indexOf('=')))
                .toList();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static String randomToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Sends everything logged, our DEBUG lines included, to the stream; returns how to stop. */
    private static Runnable captureLog(ByteArrayOutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %logger %msg%n%ex");
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = context.getLogger("io.tensorwasm");
        Level before = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        root.addAppender(appender);
        return () -> {
            root.detachAppender(appender);
            appender.stop();
            ours.setLevel(before);
        };
    }
}
