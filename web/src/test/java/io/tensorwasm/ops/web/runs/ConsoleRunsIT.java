package io.tensorwasm.ops.web.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleFixture;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.tensorwasm.ops.web.ConsoleSession;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An interactive run driven over HTTP: questions, roles, the event stream, abort, history. */
class ConsoleRunsIT {

    private static final Pattern QUESTION = Pattern.compile("data-question=\"(\\d+)\"");
    private static final Pattern AFTER = Pattern.compile("data-after=\"(\\d+)\"");

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void drivesARunThroughItsQuestionsWhileTheStreamFollowsIt() throws Exception {
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                (port, client) -> {
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    ConsoleSession admin = ConsoleSession.signIn(client, fixture.admin);
                    long id =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/runbooks/audit-log-rotation",
                                            "/runbooks/audit-log-rotation/run",
                                            Map.of()));
                    String page = "/executions/" + id;
                    String waiting = operator.await(page, "Step 1 waits for a decision");
                    assertThat(waiting)
                            .contains(
                                    "Approving a step needs the approver role; you are signed in as operator.")
                            .doesNotContain("id=\"approve\"");
                    HttpResponse<String> refused =
                            operator.submit(
                                    page, page + "/approve", Map.of("question", question(waiting)));
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.body())
                            .contains(
                                    "otto operator signed in as operator; to approve a step you need the approver role or above.");

                    CompletableFuture<List<String>> stream =
                            follow(client, fixture.admin, page + "/events?after=" + after(waiting));
                    answer(admin, page, "/approve", Map.of());
                    String second = admin.await(page, "Step 2 waits for a decision");
                    assertThat(second)
                            .contains("deploy used api_key=[redacted] for tenant 7")
                            .doesNotContain("s3cr3t-value-never-shown");
                    answer(admin, page, "/approve", Map.of());
                    admin.await(page, "Step 3 waits for a decision");
                    answer(admin, page, "/approve", Map.of());
                    String confirm = admin.await(page, "The old audit files are archived</p>");
                    assertThat(confirm).contains("Step 3 waits for a confirmation");
                    answer(admin, page, "/confirm", Map.of("holds", "yes"));
                    operator.await(page, "Step 4 waits for a decision");
                    HttpResponse<String> aborted =
                            operator.submit(
                                    page, page + "/abort", Map.of("reason", "the drill is over"));
                    assertThat(aborted.statusCode()).isEqualTo(303);

                    String ended =
                            operator.await(page, "<span class=\"status aborted\" id=\"status\">");
                    assertThat(ended)
                            .contains("aborted by otto operator at step 4: the drill is over")
                            .contains("does not hold")
                            .doesNotContain("data-events")
                            .doesNotContain("id=\"abort\"");
                    String events = String.join("\n", stream.get(20, TimeUnit.SECONDS));
                    assertThat(events)
                            .contains("event: poll")
                            .contains("\"step\":2")
                            .contains("\"verdict\":\"does not hold\"")
                            .contains("event: question")
                            .contains("event: finished\ndata: {\"status\":\"aborted\"");
                    assertThat(operator.get("/history?outcome=aborted").body())
                            .contains("<tr data-execution=\"" + id + "\">")
                            .contains("<td>otto operator</td>");
                });
    }

    @Test
    void theQuestionShowsTheArgumentsAsTheyWillRun(@TempDir Path folder) throws Exception {
        Files.writeString(
                folder.resolve("grep-words.md"),
                """
                ---
                id: grep-words
                kind: procedure
                sla: 5m
                vars:
                  pattern: two words
                ---

                # Grep two words

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `shell grep -c {pattern} /nonexistent` | | | abort | 1m |
                """);
        fixture.runbooks(folder);
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                (port, client) -> {
                    ConsoleSession admin = ConsoleSession.signIn(client, fixture.admin);
                    long id =
                            ConsoleSession.executionOf(
                                    admin.submit(
                                            "/runbooks/grep-words",
                                            "/runbooks/grep-words/run",
                                            Map.of()));

                    String waiting =
                            admin.await("/executions/" + id, "Step 1 waits for a decision");

                    assertThat(waiting)
                            .contains(
                                    "<code>shell grep -c &quot;two words&quot; /nonexistent</code>");
                });
    }

    @Test
    void refusesAStreamToSomeoneNotSignedIn() throws Exception {
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)),
                (port, client) -> {
                    HttpResponse<String> anonymous =
                            client.send(
                                    client.request("/executions/1/events")
                                            .header("Accept", "text/event-stream")
                                            .GET()
                                            .build());
                    assertThat(anonymous.statusCode()).isEqualTo(401);
                    assertThat(anonymous.body()).doesNotContain("event:");

                    HttpResponse<String> ended =
                            client.withToken(fixture.viewer).get("/executions/1/events");
                    assertThat(ended.headers().firstValue("Content-Type"))
                            .contains("text/event-stream; charset=utf-8");
                    assertThat(ended.body())
                            .isEqualTo(
                                    "retry: 3000\n\nid: 1\nevent: finished\ndata: {\"status\":\"not live\"}\n\n");
                });
    }

    private static void answer(
            ConsoleSession session, String page, String action, Map<String, String> fields)
            throws Exception {
        String html = session.get(page).body();
        Map<String, String> form = new java.util.HashMap<>(fields);
        form.put("question", question(html));
        form.put("X-XSRF-TOKEN", ConsoleSession.csrf(html));
        HttpResponse<String> answered = session.client.postForm(page + action, form);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(303);
    }

    /** Reads the event stream on another thread until the run ends it. */
    private static CompletableFuture<List<String>> follow(
            HarnessClient client, String token, String path) {
        HttpRequest request =
                client.withToken(token)
                        .request(path)
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        return java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> response.body().collect(Collectors.toList()));
    }

    private static String question(String html) {
        Matcher m = QUESTION.matcher(html);
        assertThat(m.find()).as("the page shows a question").isTrue();
        return m.group(1);
    }

    private static String after(String html) {
        Matcher m = AFTER.matcher(html);
        assertThat(m.find()).as("the page follows its run").isTrue();
        return m.group(1);
    }
}
