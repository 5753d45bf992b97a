package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorwasm.ops.testkit.HarnessClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pages the demo's pagers received, as their JSON-lines file holds them: {@code
 * {"tier":"primary","page":{"event":"trigger","dedup_key":...}}}, the maintainers list's under the
 * tier {@code maintainers}.
 */
final class DemoPages {

    static final String PRIMARY = "primary";
    static final String MAINTAINERS = DemoPager.MAINTAINERS;

    private final Path file;

    DemoPages(Path file) {
        this.file = file;
    }

    /** Every page, in the order they arrived. */
    List<JsonNode> all() throws IOException {
        List<JsonNode> pages = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            pages.add(LoopClient.parse(line));
        }
        return pages;
    }

    /** The events of one kind a tier received under a key. */
    List<JsonNode> events(String tier, String key, String event) throws IOException {
        return all().stream()
                .filter(p -> p.path("tier").asText().equals(tier))
                .map(p -> p.path("page"))
                .filter(p -> p.path("dedup_key").asText().equals(key))
                .filter(p -> p.path("event").asText().equals(event))
                .toList();
    }

    /** The key of an incident's pages, read from its first trigger. */
    String key(long incidentId) throws IOException {
        return all().stream()
                .map(p -> p.path("page"))
                .filter(p -> p.path("incident_url").asText().endsWith("/incidents/" + incidentId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no page for incident " + incidentId))
                .path("dedup_key")
                .asText();
    }

    /**
     * The one trigger a tier received for the incident; none within 30 s, or more than one, fails.
     * A page goes out after the incident it is about is stored, so a reader of the incident can be
     * there first.
     */
    JsonNode onlyTrigger(String tier, long incidentId) throws Exception {
        DemoSecondFault.await(
                tier + "'s trigger for incident " + incidentId,
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return !events(tier, key(incidentId), "trigger").isEmpty();
                    } catch (AssertionError noPageYet) {
                        return false;
                    }
                });
        List<JsonNode> triggers = events(tier, key(incidentId), "trigger");
        assertThat(triggers).as("%s's triggers for incident %d", tier, incidentId).hasSize(1);
        return triggers.get(0);
    }

    /**
     * Everyone who got a trigger for the incident got its resolve, within 30 s: the resolves go out
     * after the incident is marked resolved.
     */
    void assertEveryRecipientHeardTheResolve(long incidentId) throws Exception {
        String key = key(incidentId);
        DemoSecondFault.await(
                "the resolves of incident " + incidentId,
                Duration.ofSeconds(30),
                () ->
                        all().stream()
                                .filter(p -> p.path("page").path("dedup_key").asText().equals(key))
                                .filter(
                                        p ->
                                                p.path("page")
                                                        .path("event")
                                                        .asText()
                                                        .equals("trigger"))
                                .map(p -> p.path("tier").asText())
                                .distinct()
                                .allMatch(tier -> hasResolve(tier, key)));
        List<String> paged =
                all().stream()
                        .filter(p -> p.path("page").path("dedup_key").asText().equals(key))
                        .filter(p -> p.path("page").path("event").asText().equals("trigger"))
                        .map(p -> p.path("tier").asText())
                        .distinct()
                        .toList();
        assertThat(paged).as("who was paged for incident %d", incidentId).isNotEmpty();
        for (String tier : paged) {
            assertThat(events(tier, key, "resolve"))
                    .as("%s heard that incident %d resolved", tier, incidentId)
                    .hasSize(1);
        }
    }

    private boolean hasResolve(String tier, String key) {
        try {
            return !events(tier, key, "resolve").isEmpty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits for the paging drill's test page at the primary's pager and acknowledges it. */
    void acknowledgeTheDrillsTestPage(HarnessClient console) throws Exception {
        DemoSecondFault.await(
                "the drill's test page at the primary's pager",
                Duration.ofSeconds(30),
                () -> drillsTestPage().isPresent());
        String url = drillsTestPage().orElseThrow().path("incident_url").asText();
        String testPage = url.substring(url.lastIndexOf('-') + 1);
        assertThat(console.postJson("/drills/pages/" + testPage + "/ack", "{}").statusCode())
                .isEqualTo(200);
    }

    private Optional<JsonNode> drillsTestPage() throws IOException {
        return all().stream()
                .map(p -> p.path("page"))
                .filter(p -> p.path("alert").asText().equals("PagingDrill"))
                .findFirst();
    }
}
