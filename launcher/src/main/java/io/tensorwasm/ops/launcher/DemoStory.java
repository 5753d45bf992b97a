package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One incident of {@code twops demo}, from the fault to its end: deploy the adder, send it traffic,
 * break it, then show what the loop does until the incident is resolved or, when the fault survives
 * the restart, until nobody on the rotation has acknowledged.
 */
final class DemoStory {

    /** Healthy traffic before the fault, so the burn-rate windows start from a baseline. */
    private static final int BASELINE_SECONDS = 8;

    private final Loop loop;
    private final DemoEvents events;
    private final boolean faultSurvivesRestart;
    private final LoopClient runtime;
    private long fastBurnId;

    DemoStory(Loop loop, DemoEvents events, boolean faultSurvivesRestart) throws IOException {
        this.loop = loop;
        this.events = events;
        this.faultSurvivesRestart = faultSurvivesRestart;
        this.runtime =
                LoopClient.of(
                        loop.urls().runtime(),
                        Files.readString(loop.dataDir().resolve(StartCommand.RUNTIME_TOKEN_FILE))
                                .strip());
    }

    /**
     * Plays the story and shows its end.
     *
     * @return false when the incident did not end within the timeout
     */
    boolean play(Duration timeout) throws IOException, InterruptedException {
        String functionId = deploy();
        events.say("");
        events.say(
                "Deployed the adder ("
                        + functionId
                        + ") and started tenants' traffic: one invoke every 50 ms.");
        try (DemoLoad load = DemoLoad.start(runtime, functionId)) {
            injectFault();
            IncidentWatch watch =
                    new IncidentWatch(
                            loop.urls(),
                            Files.readString(loop.console().adminTokenFile()).strip(),
                            DemoCommand.FAST_BURN,
                            events);
            Optional<JsonNode> end = watch.until(this::ends, timeout);
            if (end.isEmpty()) {
                events.say(
                        "The incident did not end within "
                                + timeout.toSeconds()
                                + " s; the logs are in "
                                + loop.dataDir().resolve("logs"));
                return false;
            }
            summary(end.get(), watch, load);
            return true;
        }
    }

    private String deploy() throws IOException, InterruptedException {
        HttpResponse<String> created =
                runtime.post(
                        "/functions",
                        "{\"name\":\"adder\",\"wasm_b64\":\"" + DemoCommand.ADDER + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    "the runtime answered " + created.statusCode() + " to the deploy of the adder");
        }
        return LoopClient.parse(created.body()).path("id").asText();
    }

    private void injectFault() throws IOException, InterruptedException {
        if (faultSurvivesRestart) {
            events.faultAt(Instant.now());
            events.show(
                    events.fault(),
                    "fault",
                    "every invoke answers 500: the runtime was started with"
                            + " TENSOR_WASM_FAULT_INVOKE_ERROR_RATE=1.0, so a restart keeps it");
            return;
        }
        events.say(
                "Healthy traffic for "
                        + BASELINE_SECONDS
                        + " s, so the burn-rate windows start from a baseline...");
        Thread.sleep(BASELINE_SECONDS * 1000L);
        HttpResponse<String> set = runtime.post("/admin/faults", "{\"invoke_error_rate\":1.0}");
        if (set.statusCode() != 200) {
            throw new IllegalStateException(
                    "the runtime answered " + set.statusCode() + " to POST /admin/faults");
        }
        events.faultAt(Instant.now());
        events.show(
                events.fault(),
                "fault",
                "every invoke answers 500 from now on (POST /admin/faults; a restart clears it)");
    }

    /**
     * The story ends with the fast-burn incident resolved or, when the fault survives, with the
     * rotation broken on it. The incidents come oldest first, so the fast-burn one is seen before
     * the one about its rotation.
     */
    private boolean ends(JsonNode incident) {
        if (incident.path("alert").asText().equals(DemoCommand.FAST_BURN)) {
            fastBurnId = incident.path("id").asLong();
            return !faultSurvivesRestart && incident.path("status").asText().equals("resolved");
        }
        return faultSurvivesRestart
                && fastBurnId > 0
                && incident.path("key").asText().equals(IncidentWatch.ROTATION_BROKEN + fastBurnId);
    }

    private void summary(JsonNode end, IncidentWatch watch, DemoLoad load) {
        events.say("");
        JsonNode incident = faultSurvivesRestart ? watch.incident(fastBurnId) : end;
        if (faultSurvivesRestart) {
            events.say(
                    "Escalated: nobody acknowledged incident "
                            + incident.path("id").asLong()
                            + "; the console opened incident "
                            + end.path("id").asLong()
                            + ", \""
                            + end.path("title").asText()
                            + "\".");
        } else {
            events.say(
                    "Resolved: incident "
                            + incident.path("id").asLong()
                            + ", remediation "
                            + incident.path("remediation").path("state").asText()
                            + ".");
        }
        timings(end, incident, watch).forEach(events::say);
        events.say(
                String.format(
                        Locale.ROOT,
                        "  tenants' invokes: %d answered 200, %d failed",
                        load.ok(),
                        load.failed()));
        URI url = loop.urls().console().resolve("/incidents/" + incident.path("id").asLong());
        events.say(
                "Open the incident: "
                        + url
                        + " (sign in with the token in "
                        + loop.console().adminTokenFile()
                        + ")");
    }

    /** "fault to X +Ns" for each step of the story that happened. */
    private List<String> timings(JsonNode end, JsonNode incident, IncidentWatch watch) {
        List<String> lines = new ArrayList<>();
        watch.firstSeen("prometheus firing " + DemoCommand.FAST_BURN)
                .ifPresent(at -> lines.add(line("alert firing in Prometheus", at)));
        first(incident, "alert_firing")
                .ifPresent(at -> lines.add(line("alert delivered to the console", at)));
        first(incident, "step").ifPresent(at -> lines.add(line("first runbook action", at)));
        first(incident, "run_finished").ifPresent(at -> lines.add(line("run finished", at)));
        if (faultSurvivesRestart) {
            first(incident, "escalated").ifPresent(at -> lines.add(line("first escalation", at)));
            lines.add(line("rotation broken", Instant.parse(end.path("opened_at").asText())));
        } else {
            lines.add(line("incident resolved", Instant.parse(end.path("closed_at").asText())));
        }
        return lines;
    }

    private String line(String what, Instant at) {
        return String.format(Locale.ROOT, "  fault to %-32s %8s", what, events.since(at));
    }

    private static Optional<Instant> first(JsonNode incident, String kind) {
        for (JsonNode event : incident.path("timeline")) {
            if (event.path("kind").asText().equals(kind)) {
                return Optional.of(Instant.parse(event.path("at").asText()));
            }
        }
        return Optional.empty();
    }
}
