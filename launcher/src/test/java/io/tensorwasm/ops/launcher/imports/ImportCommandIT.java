package io.tensorwasm.ops.launcher.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.launcher.TwopsCommand;
import io.tensorwasm.ops.oncall.schedule.Schedule;
import io.tensorwasm.ops.oncall.schedule.ScheduleStore;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.web.ConsoleConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #20's importer acceptance: on the recorded answers of each tool's API, the plan names every
 * object with create or skip and the reason, the apply writes it, "who is on call" then answers
 * what the tool itself answers at 100 instants over four weeks (across the night the clocks go
 * back), and a second apply changes nothing.
 */
class ImportCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-10-12T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-11-09T00:00:00Z");

    @TempDir Path data;

    @Test
    void grafanaOnCallPlansAppliesAnswersLikeTheSourceAndReappliesNothing() throws Exception {
        Path token = data.resolve("grafana.token");
        Files.writeString(token, "meowmeowmeow\n");
        Map<String, String> routes = new HashMap<>();
        routes.put("/api/v1/users/", "users.json");
        routes.put("/api/v1/schedules/", "schedules.json");
        routes.put("/api/v1/escalation_chains/", "escalation_chains.json");
        for (String s : List.of("SPLATFORM001", "SPLATFORM002")) {
            routes.put("/api/v1/on_call_shifts/?schedule_id=" + s, "on_call_shifts-" + s + ".json");
            routes.put(
                    "/api/v1/schedules/"
                            + s
                            + "/final_shifts?start_date=2026-10-12&end_date=2026-11-09",
                    "final_shifts-" + s + ".json");
        }
        routes.put(
                "/api/v1/escalation_policies/?escalation_chain_id=FPLATFORM001",
                "escalation_policies-FPLATFORM001.json");
        try (ToolApi api = ToolApi.serve("grafana-oncall", "meowmeowmeow", routes)) {
            String[] args = {
                "import",
                "grafana-oncall",
                "--url",
                api.url().toString(),
                "--token-file",
                token.toString()
            };
            Run plan = twops(args);
            assertThat(plan.status()).as(plan.err()).isZero();
            assertThat(plan.out())
                    .contains("create    person       alice: alice@example.com")
                    .contains("create    schedule     Platform primary")
                    .contains("create    schedule     Platform secondary")
                    .contains("create    policy       Platform")
                    .contains(
                            "skip      schedule     Legacy calendar: iCal-backed schedule: not supported")
                    .contains(
                            "skip      rotation     Business hours: time-restricted rotation: not supported")
                    .contains(
                            "skip      policy step  Platform step 5: trigger_webhook: not supported")
                    .contains("plan: 7 changes; nothing written (add --apply to write them)");
            assertThat(schedules()).isEmpty();

            Run applied = twops(append(args, "--apply"));
            assertThat(applied.out()).contains("applied: 7 changes");
            Map<String, Schedule> imported = schedules();
            for (String id : List.of("SPLATFORM001", "SPLATFORM002")) {
                String name = id.endsWith("1") ? "Platform primary" : "Platform secondary";
                JsonNode source =
                        JSON.readTree(api.answer("grafana-oncall/final_shifts-" + id + ".json"));
                List<Instant> sampled = samples();
                for (Instant t : sampled) {
                    assertThat(imported.get(name).holder(t))
                            .as(name + " at " + t)
                            .isEqualTo(grafanaAnswer(source, t));
                }
            }

            Run again = twops(append(args, "--apply"));
            assertThat(again.out())
                    .contains("applied: 0 changes")
                    .doesNotContain("create ")
                    .doesNotContain("update ");
        }
    }

    @Test
    void opsgeniePlansAppliesAnswersLikeTheSourceAndReappliesNothing() throws Exception {
        Path key = data.resolve("opsgenie.key");
        Files.writeString(key, "eb243592-faa2-4ba2-a551q-1afdf565c889\n");
        String payments = "d875e654-9b4e-4219-a1a9-6b6a1c0b0f41";
        String daytime = "6f1c2e3d-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
        Map<String, String> routes = new HashMap<>();
        routes.put("/v2/users?limit=100", "users.json");
        routes.put("/v2/schedules?expand=rotation", "schedules.json");
        routes.put("/v2/schedules/" + payments + "/overrides", "overrides-" + payments + ".json");
        routes.put("/v2/schedules/" + daytime + "/overrides", "overrides-" + daytime + ".json");
        routes.put("/v2/escalations", "escalations.json");
        try (ToolApi api =
                ToolApi.serve(
                        "opsgenie", "GenieKey eb243592-faa2-4ba2-a551q-1afdf565c889", routes)) {
            String[] args = {
                "import",
                "opsgenie",
                "--url",
                api.url().toString(),
                "--api-key-file",
                key.toString()
            };
            Run plan = twops(args);
            assertThat(plan.status()).as(plan.err()).isZero();
            assertThat(plan.out())
                    .contains("create    person       Alice Smith: alice@example.com")
                    .contains("create    schedule     Payments")
                    .contains("create    policy       Payments escalation")
                    .contains(
                            "skip      rotation     Weekdays: time-restricted rotation: not supported")
                    .contains(
                            "skip      schedule     Payments daytime: no rotation that can be imported")
                    .contains(
                            "skip      policy step  Payments escalation rule at 20 min: recipient of type team: not supported")
                    .contains("plan: 6 changes; nothing written");

            Run applied = twops(append(args, "--apply", "--default-policy", "Payments escalation"));
            assertThat(applied.out()).contains("applied: 7 changes");
            Schedule imported = schedules().get("Payments");
            JsonNode timeline =
                    JSON.readTree(api.answer("opsgenie/timeline-" + payments + ".json"));
            Map<String, String> names = new HashMap<>();
            JSON.readTree(api.answer("opsgenie/users.json"))
                    .path("data")
                    .forEach(
                            u ->
                                    names.put(
                                            u.path("username").asText(),
                                            u.path("fullName").asText()));
            for (Instant t : samples()) {
                assertThat(imported.holder(t))
                        .as("Payments at " + t)
                        .isEqualTo(opsgenieAnswer(timeline, t).map(names::get));
            }

            Run who = twops("oncall", "who", "--at", "2026-10-25T03:00:00Z");
            assertThat(who.out())
                    .contains("primary    Carol White schedule Payments")
                    .contains("secondary  Dave Brown");

            Run again = twops(append(args, "--apply", "--default-policy", "Payments escalation"));
            assertThat(again.out()).contains("applied: 0 changes");
        }
    }

    @Test
    void aWrongTokenSaysSoAndWritesNothing() throws Exception {
        Path token = data.resolve("grafana.token");
        Files.writeString(token, "wrong");
        try (ToolApi api = ToolApi.serve("grafana-oncall", "meowmeowmeow", Map.of())) {
            Run run =
                    twops(
                            "import",
                            "grafana-oncall",
                            "--url",
                            api.url().toString(),
                            "--token-file",
                            token.toString(),
                            "--apply");
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err())
                    .contains("import grafana-oncall: GET " + api.url() + "/api/v1/users/: 401")
                    .contains("(check the token or API key file)")
                    .doesNotContain("wrong");
        }
        Run missing =
                twops("import", "opsgenie", "--api-key-file", data.resolve("absent").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err().strip())
                .isEqualTo(
                        "import opsgenie: "
                                + data.resolve("absent")
                                + ": cannot read the secret file");
    }

    /** 100 instants spread over the four weeks, off the hour so they fall inside shifts. */
    private static List<Instant> samples() {
        List<Instant> at = new ArrayList<>();
        Duration step = Duration.between(FROM, TO).dividedBy(100);
        for (int i = 0; i < 100; i++) {
            at.add(FROM.plus(Duration.ofMinutes(17)).plus(step.multipliedBy(i)));
        }
        return at;
    }

    private static Optional<String> grafanaAnswer(JsonNode finalShifts, Instant t) {
        for (JsonNode s : finalShifts.path("results")) {
            if (!t.isBefore(Instant.parse(s.path("shift_start").asText()))
                    && t.isBefore(Instant.parse(s.path("shift_end").asText()))) {
                return Optional.of(s.path("user_username").asText());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> opsgenieAnswer(JsonNode timeline, Instant t) {
        for (JsonNode r : timeline.path("data").path("finalTimeline").path("rotations")) {
            for (JsonNode p : r.path("periods")) {
                if (!t.isBefore(Instant.parse(p.path("startDate").asText()))
                        && t.isBefore(Instant.parse(p.path("endDate").asText()))) {
                    return Optional.of(p.path("recipient").path("name").asText());
                }
            }
        }
        return Optional.empty();
    }

    private Map<String, Schedule> schedules() {
        String url = ConsoleConfig.builder().dataDir(data).build().jdbcUrl();
        try (Database database = Database.open(url, "sa", "")) {
            return new ScheduleStore(database.dataSource(), Clock.systemUTC()).schedules();
        }
    }

    private static String[] append(String[] args, String... more) {
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private record Run(int status, String out, String err) {}

    private Run twops(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli =
                new CommandLine(new TwopsCommand())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err));
        int status = cli.execute(append(args, "--data-dir", data.toString()));
        return new Run(status, out.toString(), err.toString());
    }
}
