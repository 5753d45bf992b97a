package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run a person starts from the console works no incident, yet its {@code page} step must reach
 * the rotation like any page: through the process's one paging, as an incident of its own. Before
 * the split, such runs paged the engine's recording pager, which only wrote to the log.
 */
class ConsoleRunPagesIT {

    @TempDir java.nio.file.Path dir;

    private OnCallFixture fixture;
    private ConsoleParts parts;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aPageStepOfAConsoleRunPagesThePrimaryAndOpensAnIncidentForTheExecution() throws Exception {
        fixture = new OnCallFixture(dir);
        Harness.serve(
                vertx -> {
                    parts = fixture.parts(vertx, fixture.settings());
                    return ConsoleRoutes.create(vertx, parts);
                },
                (port, client) -> {
                    HttpResponse<String> started =
                            client.withToken(fixture.operator)
                                    .postForm("/runbooks/page-by-hand/run", Map.of());
                    long execution = ConsoleSession.executionOf(started);
                    OnCallFixture.await(
                            "step 1 to wait for its review",
                            () ->
                                    parts.onCall().runs().live(execution).isPresent()
                                            && parts.onCall()
                                                            .runs()
                                                            .live(execution)
                                                            .get()
                                                            .snapshot()
                                                            .pending()
                                                    != null);
                    HttpResponse<String> approved =
                            client.withToken(fixture.approver)
                                    .postForm(
                                            "/executions/" + execution + "/approve",
                                            Map.of("question", "1"));
                    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(303);
                    OnCallFixture.await(
                            "the page to be recorded on the execution's incident",
                            () ->
                                    parts
                                            .onCall()
                                            .incidents()
                                            .findByKey("execution:" + execution)
                                            .map(fixture::timeline)
                                            .orElse(List.of())
                                            .stream()
                                            .anyMatch(line -> line.startsWith("PAGE ")));

                    assertThat(fixture.primary.bodies())
                            .singleElement()
                            .asString()
                            .contains("\"event\":\"trigger\"")
                            .contains("\"severity\":\"sev-2\"")
                            .contains("the runtime needs a second person")
                            .contains("/runbooks/page-by-hand\"");
                    Incident incident =
                            parts.onCall()
                                    .incidents()
                                    .findByKey("execution:" + execution)
                                    .orElseThrow();
                    assertThat(incident.title())
                            .isEqualTo("Runbook page-by-hand paged from execution " + execution);
                    assertThat(fixture.timeline(incident))
                            .anyMatch(line -> line.startsWith("PAGE paged primary (Ana) via"));
                    assertThat(fixture.secondary.bodies()).isEmpty();
                });
    }
}
