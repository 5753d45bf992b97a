package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8, the proof: a real runtime fails on purpose, a real Prometheus evaluates the test
 * profile of the SLO rules, a real Alertmanager posts to a real console, and the engine runs {@code
 * availability-fast-burn} in auto mode. When the restart cures the fault the alert resolves and so
 * does the incident; when it does not, the incident escalates through the rotation until the
 * rotation is broken. Each scenario prints its latencies for docs/BENCHMARKS.md.
 */
class RemediationEndToEndIT {

    private static final String FAST_BURN = "TensorWasmAvailabilityFastBurn";
    private static final String RUNBOOK = "availability-fast-burn";
    private static final int STEPS = 12;

    @TempDir Path dir;

    @Test
    void aRestartCuresTheFaultTheAlertResolvesAndTheTimelineHoldsEveryEventInOrder()
            throws Exception {
        try (PagerReceiver primary = new PagerReceiver();
                PagerReceiver secondary = new PagerReceiver();
                PagerReceiver lead = new PagerReceiver();
                RemediationStack stack =
                        RemediationStack.start(
                                dir,
                                Map.of("TENSOR_WASM_FAULTS", "enabled"),
                                rotations("10m", primary, secondary, lead))) {
            assertThat(stack.startReport())
                    .contains(
                            "with the bearer token in "
                                    + stack.data().resolve("alertmanager-webhook-token"))
                    .doesNotContain(
                            Files.readString(stack.data().resolve("alertmanager-webhook-token"))
                                    .strip());
            RemediationStack.Load load = stack.load();
            Thread.sleep(8_000);
            Instant fault = Instant.now();
            stack.injectFault();

            JsonNode incident =
                    stack.awaitIncident(
                            "the fast-burn incident's resolution",
                            i ->
                                    i.path("alert").asText().equals(FAST_BURN)
                                            && i.path("status").asText().equals("resolved"),
                            Duration.ofMinutes(3));
            Instant resolved = Instant.parse(incident.path("closed_at").asText());
            List<JsonNode> timeline = new ArrayList<>();
            incident.path("timeline").forEach(timeline::add);

            assertThat(incident.path("remediation").path("state").asText()).isEqualTo("verified");
            assertThat(kinds(timeline))
                    .startsWith("alert_firing", "page", "run_started")
                    .endsWith("run_finished", "alert_resolved", "resolved");
            assertEveryStepStartedAndPassedInOrder(timeline);
            assertThat(text(timeline, "run_finished")).contains(" succeeded in ");
            assertThat(stack.invoke()).as("the restart cured the in-memory fault").isEqualTo(200);
            String key = incident.path("key").asText();
            assertThat(primary.events(key, "trigger"))
                    .singleElement()
                    .satisfies(
                            page -> {
                                assertThat(page.path("runbook_url").asText())
                                        .endsWith("/runbooks/" + RUNBOOK);
                                assertThat(page.path("incident_url").asText())
                                        .endsWith("/incidents/" + incident.path("id").asLong());
                            });
            assertThat(primary.events(key, "resolve")).hasSize(1);
            assertThat(secondary.events(key, "trigger")).isEmpty();
            assertThat(load.ok()).isPositive();

            Instant firing = at(timeline, "alert_firing");
            Instant firstAction = at(timeline, "step");
            System.out.printf(
                    "RemediationEndToEndIT scenario 1: alert-to-first-action %d ms (webhook"
                            + " received %s, step 1 started %s); fault-to-resolved %.1f s (fault"
                            + " %s, alert delivered after %.1f s, run %s, resolved %s)%n",
                    Duration.between(firing, firstAction).toMillis(),
                    firing,
                    firstAction,
                    Duration.between(fault, resolved).toMillis() / 1000.0,
                    fault,
                    Duration.between(fault, firing).toMillis() / 1000.0,
                    text(timeline, "run_finished"),
                    resolved);
        }
    }

    @Test
    void aFaultThatSurvivesTheRestartFailsACheckAndEscalatesUntilTheRotationIsBroken()
            throws Exception {
        try (PagerReceiver primary = new PagerReceiver();
                PagerReceiver secondary = new PagerReceiver();
                PagerReceiver lead = new PagerReceiver();
                RemediationStack stack =
                        RemediationStack.start(
                                dir,
                                Map.of(
                                        "TENSOR_WASM_FAULTS", "enabled",
                                        "TENSOR_WASM_FAULT_INVOKE_ERROR_RATE", "1.0"),
                                rotations("3s", primary, secondary, lead))) {
            Instant fault = Instant.now();
            stack.load();
            JsonNode fastBurn =
                    stack.awaitIncident(
                            "the fast-burn incident",
                            i -> i.path("alert").asText().equals(FAST_BURN),
                            Duration.ofMinutes(2));
            long id = fastBurn.path("id").asLong();
            JsonNode broken =
                    stack.awaitIncident(
                            "the rotation-broken incident",
                            i -> i.path("key").asText().equals("rotation-broken:" + id),
                            Duration.ofMinutes(3));
            assertThat(broken.path("title").asText())
                    .isEqualTo("Rotation broken: nobody acknowledged incident " + id);

            List<JsonNode> timeline = new ArrayList<>();
            stack.incident(id).path("timeline").forEach(timeline::add);
            List<String> lines =
                    timeline.stream()
                            .map(e -> e.path("kind").asText() + " " + e.path("text").asText())
                            .toList();
            assertThat(lines)
                    .contains(
                            "check step 4 passed: exit_code == 0; observed exit_code=0",
                            "check step 8 failed: status == 200 within 30s; observed status=500"
                                    + " (failed after 1 attempt)")
                    .anyMatch(l -> l.startsWith("check step 10 failed: steps[8].status == 200"));
            assertThat(kinds(timeline))
                    .containsSubsequence(
                            "alert_firing",
                            "page",
                            "run_started",
                            "check",
                            "escalated",
                            "page",
                            "run_finished",
                            "escalated",
                            "page",
                            "escalated",
                            "page",
                            "escalated",
                            "escalated");
            assertThat(text(timeline, "escalated"))
                    .startsWith("escalated: execution ")
                    .contains(" of " + RUNBOOK + ": step 10 failed: steps[8].status == 200");
            assertThat(lines.get(lines.size() - 1))
                    .isEqualTo(
                            "escalated nobody acknowledged; the rotation is broken: incident "
                                    + broken.path("id").asLong());
            String key = fastBurn.path("key").asText();
            assertThat(primary.events(key, "trigger")).hasSize(2);
            assertThat(secondary.events(key, "trigger")).hasSize(1);
            assertThat(lead.events(key, "trigger")).hasSize(1);
            assertThat(stack.invoke()).as("the fault set at start survived").isEqualTo(500);

            Instant firing = at(timeline, "alert_firing");
            System.out.printf(
                    "RemediationEndToEndIT scenario 2: alert-to-first-action %d ms;"
                            + " fault-to-escalation %.1f s; fault-to-rotation-broken %.1f s%n",
                    Duration.between(firing, at(timeline, "step")).toMillis(),
                    Duration.between(fault, at(timeline, "escalated")).toMillis() / 1000.0,
                    Duration.between(fault, Instant.parse(broken.path("opened_at").asText()))
                                    .toMillis()
                            / 1000.0);
        }
    }

    /** Step N started, then step N passed, for every step, in order, and nothing else between. */
    private static void assertEveryStepStartedAndPassedInOrder(List<JsonNode> timeline) {
        List<String> steps =
                timeline.stream()
                        .filter(
                                e ->
                                        e.path("kind").asText().equals("step")
                                                || e.path("kind").asText().equals("check"))
                        .map(e -> e.path("text").asText())
                        .filter(t -> !t.contains(" started again (attempt "))
                        .toList();
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= STEPS; n++) {
            expected.add("step " + n + " started");
            expected.add("step " + n + " passed");
        }
        assertThat(steps.stream().map(t -> t.replaceAll("^(step \\d+ \\w+).*", "$1")).toList())
                .as(String.join("\n", steps))
                .containsExactlyElementsOf(expected);
        assertThat(steps)
                .contains(
                        "step 4 started: target restart",
                        "step 4 passed: exit_code == 0; observed exit_code=0",
                        "step 8 passed: status == 200 within 30s; observed status=200");
    }

    private Path rotations(
            String ackTimeout, PagerReceiver primary, PagerReceiver secondary, PagerReceiver lead)
            throws Exception {
        return Files.writeString(
                dir.resolve("rotations.yml"),
                "ack_timeout: "
                        + ackTimeout
                        + "\nprimary: {person: Ana, channel: webhook, url: \""
                        + primary.url()
                        + "\"}\nsecondary: {person: Bo, channel: webhook, url: \""
                        + secondary.url()
                        + "\"}\nlead: {person: Cy, channel: webhook, url: \""
                        + lead.url()
                        + "\"}\n");
    }

    private static List<String> kinds(List<JsonNode> timeline) {
        return timeline.stream()
                .map(e -> e.path("kind").asText())
                .filter(k -> !k.equals("note"))
                .toList();
    }

    private static JsonNode first(List<JsonNode> timeline, String kind) {
        return timeline.stream()
                .filter(e -> e.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in the timeline"));
    }

    private static String text(List<JsonNode> timeline, String kind) {
        return first(timeline, kind).path("text").asText();
    }

    private static Instant at(List<JsonNode> timeline, String kind) {
        return Instant.parse(first(timeline, kind).path("at").asText());
    }
}
