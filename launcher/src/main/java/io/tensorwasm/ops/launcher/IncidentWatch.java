package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Watches one alert's incident happen across the loop, showing each step as it is seen: the alert's
 * state in Prometheus, its arrival in Alertmanager, and every event of its incident in the
 * console's timeline (at the time the console recorded it), and of the incident that says the
 * rotation broke on it. Other alerts and incidents get one line each: the same fault fires the
 * slower burn-rate alerts too. Polls twice a second.
 */
final class IncidentWatch {

    /** The key prefix of the incident the console opens when nobody acknowledges another. */
    static final String ROTATION_BROKEN = "rotation-broken:";

    private final LoopClient prometheus;
    private final LoopClient alertmanager;
    private final LoopClient console;
    private final DemoEvents events;
    private final String alert;
    private final Set<String> followed = new HashSet<>();
    private final Map<String, String> prometheusStates = new HashMap<>();
    private final Set<String> inAlertmanager = new HashSet<>();
    private final Map<Long, Integer> timelineShown = new HashMap<>();
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final Map<Long, JsonNode> latest = new HashMap<>();

    IncidentWatch(LoopUrls urls, String consoleToken, String alert, DemoEvents events) {
        this.alert = alert;
        this.prometheus = urls.prometheus().map(url -> LoopClient.of(url, "")).orElse(null);
        this.alertmanager = urls.alertmanager().map(url -> LoopClient.of(url, "")).orElse(null);
        this.console = LoopClient.of(urls.console(), consoleToken);
        this.events = events;
    }

    /**
     * Shows events until an incident matches, and returns that incident with its timeline.
     *
     * @return empty when none matched within the timeout
     */
    Optional<JsonNode> until(Predicate<JsonNode> done, Duration timeout)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode incident : poll()) {
                if (done.test(incident)) {
                    // What the console writes right after the change that ended the watch (the
                    // resolve sent to the pages' recipients, the escalation note on the incident
                    // whose rotation broke) is shown too: one more look, a poll later.
                    Thread.sleep(500);
                    poll();
                    long id = incident.path("id").asLong();
                    return Optional.of(latest.getOrDefault(id, incident));
                }
            }
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    /** The incident with its timeline as last seen. */
    JsonNode incident(long id) {
        JsonNode incident = latest.get(id);
        if (incident == null) {
            throw new IllegalStateException("incident " + id + " was never seen");
        }
        return incident;
    }

    /** When an alert was first seen in a state, as "prometheus firing ALERT". */
    Optional<Instant> firstSeen(String what) {
        return Optional.ofNullable(firstSeen.get(what));
    }

    private List<JsonNode> poll() throws InterruptedException {
        try {
            if (prometheus != null) {
                prometheusAlerts();
            }
            if (alertmanager != null) {
                alertmanagerAlerts();
            }
            return incidents();
        } catch (IOException notNow) {
            // A part answering slowly or restarting: the next poll sees what this one missed.
            return List.of();
        }
    }

    private void prometheusAlerts() throws IOException, InterruptedException {
        Map<String, String> now = new HashMap<>();
        for (JsonNode alert : prometheus.get("/api/v1/alerts").path("data").path("alerts")) {
            now.put(alert.path("labels").path("alertname").asText(), alert.path("state").asText());
        }
        now.forEach(
                (name, state) -> {
                    boolean changed = !state.equals(prometheusStates.get(name));
                    if (changed && (name.equals(alert) || state.equals("firing"))) {
                        seen(
                                "prometheus",
                                name + " is " + state,
                                "prometheus " + state + " " + name);
                    }
                });
        // An alert shown firing (or the followed one, shown pending) is shown ending too.
        prometheusStates.entrySet().stream()
                .filter(e -> !now.containsKey(e.getKey()))
                .filter(e -> e.getKey().equals(alert) || e.getValue().equals("firing"))
                .map(Map.Entry::getKey)
                .toList()
                .forEach(
                        name ->
                                seen(
                                        "prometheus",
                                        name + " no longer fires",
                                        "prometheus gone " + name));
        prometheusStates.clear();
        prometheusStates.putAll(now);
    }

    private void alertmanagerAlerts() throws IOException, InterruptedException {
        Set<String> now = new HashSet<>();
        for (JsonNode active : alertmanager.get("/api/v2/alerts?active=true")) {
            now.add(active.path("labels").path("alertname").asText());
        }
        if (now.contains(alert) && inAlertmanager.add(alert)) {
            seen(
                    "alertmanager",
                    alert + " received from Prometheus; it goes to the console after group_wait",
                    "alertmanager received " + alert);
        } else if (!now.contains(alert) && inAlertmanager.remove(alert)) {
            seen(
                    "alertmanager",
                    alert + " resolved; the console hears of it at the next group interval",
                    "alertmanager resolved " + alert);
        }
    }

    private void seen(String source, String text, String key) {
        Instant at = Instant.now();
        firstSeen.putIfAbsent(key, at);
        events.show(at, source, text);
    }

    private List<JsonNode> incidents() throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode summary : console.get("/api/incidents").path("incidents")) {
            all.add(summary);
        }
        List<JsonNode> detailed = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0; i--) { // oldest first, as they happened
            long id = all.get(i).path("id").asLong();
            JsonNode incident = console.get("/api/incidents/" + id);
            showTimeline(id, incident);
            latest.put(id, incident);
            detailed.add(incident);
        }
        return detailed;
    }

    /** The alert's incidents, and the incidents that say the rotation broke on one of them. */
    private boolean follows(long id, JsonNode incident) {
        String key = incident.path("key").asText();
        if (incident.path("alert").asText().equals(alert)
                || (key.startsWith(ROTATION_BROKEN)
                        && followed.contains(key.substring(ROTATION_BROKEN.length())))) {
            followed.add(Long.toString(id));
            return true;
        }
        return false;
    }

    private void showTimeline(long id, JsonNode incident) {
        List<JsonNode> timeline = new ArrayList<>();
        incident.path("timeline").forEach(timeline::add);
        int shown = timelineShown.getOrDefault(id, 0);
        if (shown == 0) {
            events.show(
                    Instant.parse(incident.path("opened_at").asText()),
                    "console",
                    "incident " + id + " opened: " + incident.path("title").asText());
        }
        if (!follows(id, incident)) {
            timelineShown.put(id, Integer.MAX_VALUE);
            return;
        }
        for (JsonNode event : timeline.subList(Math.min(shown, timeline.size()), timeline.size())) {
            events.show(
                    Instant.parse(event.path("at").asText()),
                    "console",
                    "incident "
                            + id
                            + " "
                            + event.path("kind").asText()
                            + ": "
                            + event.path("text").asText());
        }
        timelineShown.put(id, Math.max(shown, timeline.size()));
    }
}
