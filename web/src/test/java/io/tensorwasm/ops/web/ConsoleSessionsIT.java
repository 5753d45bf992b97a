package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Console sessions (hardening, finding 9): where a sign-in may send the browser, what a bad bearer
 * header gets, Secure cookies behind https, the absolute lifetime of a session, and event streams
 * that end with their token and cannot pile up.
 */
class ConsoleSessionsIT {

    private ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aSignInNeverSendsTheBrowserToAnotherSite() throws Exception {
        serve(
                (port, client) -> {
                    for (String next :
                            List.of(
                                    "/\t/evil.example",
                                    "/\n/evil.example",
                                    "/\\evil.example",
                                    "/ /evil.example",
                                    "//evil.example",
                                    "https://evil.example/")) {
                        HarnessClient browser = client.withCookies();
                        String form = browser.get("/login").body();
                        HttpResponse<String> signedIn =
                                browser.postForm(
                                        "/login",
                                        Map.of(
                                                "X-XSRF-TOKEN",
                                                ConsoleSession.csrf(form),
                                                "token",
                                                fixture.viewer,
                                                "next",
                                                next));
                        assertThat(signedIn.statusCode()).as(next).isEqualTo(303);
                        assertThat(signedIn.headers().firstValue("Location"))
                                .as(next)
                                .contains("/");
                    }
                });
    }

    @Test
    void aBadBearerHeaderGets401AndNeverSkipsTheCsrfCheck() throws Exception {
        serve(
                (port, client) -> {
                    HarnessClient browser = client.withCookies();
                    String form = browser.get("/login").body();
                    assertThat(ConsoleSession.csrf(form)).isNotEmpty();
                    HttpResponse<String> forged =
                            browser.send(
                                    browser.request("/login")
                                            .header("Authorization", "Bearer nonsense")
                                            .header(
                                                    "Content-Type",
                                                    "application/x-www-form-urlencoded")
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofString(
                                                            "token=" + fixture.admin + "&next=/"))
                                            .build());
                    assertThat(forged.statusCode())
                            .as("a sign-in without its CSRF token, behind a bad bearer header")
                            .isEqualTo(401);
                    assertThat(browser.get("/").statusCode())
                            .as("the forged sign-in made no session")
                            .isEqualTo(302);
                    HttpResponse<String> empty =
                            client.send(
                                    client.request("/drills")
                                            .header("Authorization", "Bearer ")
                                            .GET()
                                            .build());
                    assertThat(empty.statusCode()).isEqualTo(401);
                });
    }

    @Test
    void cookiesAreSecureWhenPeopleReachTheConsoleOverHttps() throws Exception {
        fixture.close();
        fixture =
                ConsoleFixture.withRuntimeDown()
                        .configure(
                                b ->
                                        b.onCall(
                                                OnCallSettings.DEFAULTS.withPublicUrl(
                                                        URI.create("https://console.example"))));
        serve(
                (port, client) ->
                        assertThat(
                                        client.withCookies()
                                                .get("/login")
                                                .headers()
                                                .allValues("Set-Cookie"))
                                .anySatisfy(
                                        c ->
                                                assertThat(c)
                                                        .startsWith("twops.session=")
                                                        .contains("Secure")));
    }

    @Test
    void aSessionEndsAtItsAbsoluteLifetimeHoweverBusyItIs() throws Exception {
        fixture.close();
        fixture =
                ConsoleFixture.withRuntimeDown()
                        .configure(b -> b.sessionLifetime(Duration.ofSeconds(2)));
        serve(
                (port, client) -> {
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    Instant signedIn = Instant.now();
                    int answered = 0;
                    while (Duration.between(signedIn, Instant.now()).toMillis() < 1_500) {
                        assertThat(viewer.get("/").statusCode()).isEqualTo(200);
                        answered++;
                        Thread.sleep(100);
                    }
                    assertThat(answered).isPositive();
                    Thread.sleep(1_000);
                    HttpResponse<String> after = viewer.get("/");
                    assertThat(after.statusCode()).isEqualTo(302);
                    assertThat(after.headers().firstValue("Location")).contains("/login?next=%2F");
                });
    }

    @Test
    void eventStreamsEndWhenTheirTokenIsRevokedAndArePerTokenBounded() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    long id =
                            ConsoleSession.executionOf(
                                    operator.submit(
                                            "/runbooks/audit-log-rotation",
                                            "/runbooks/audit-log-rotation/run",
                                            Map.of()));
                    operator.await("/executions/" + id, "Step 1 waits for a decision");
                    String events = "/executions/" + id + "/events?after=0";
                    var streamer = fixture.tokens.issue("sam streamer", Role.VIEWER);
                    List<CompletableFuture<HttpResponse<java.util.stream.Stream<String>>>> open =
                            new ArrayList<>();
                    for (int i = 0; i < 8; i++) {
                        open.add(stream(client, streamer.token(), events));
                    }
                    List<Integer> statuses = new ArrayList<>();
                    for (var response : open) {
                        statuses.add(response.get(20, TimeUnit.SECONDS).statusCode());
                    }
                    assertThat(statuses)
                            .as("streams one token may hold at once")
                            .contains(200)
                            .contains(429);
                    List<CompletableFuture<String>> bodies = new ArrayList<>();
                    for (var response : open) {
                        HttpResponse<java.util.stream.Stream<String>> r = response.get();
                        if (r.statusCode() == 200) {
                            bodies.add(
                                    CompletableFuture.supplyAsync(
                                            () -> r.body().collect(Collectors.joining("\n"))));
                        }
                    }
                    Principal principal =
                            fixture.tokens.list().stream()
                                    .filter(p -> p.name().equals("sam streamer"))
                                    .findFirst()
                                    .orElseThrow();
                    fixture.tokens.revoke(principal.tokenId());
                    for (CompletableFuture<String> body : bodies) {
                        assertThat(body.get(30, TimeUnit.SECONDS))
                                .as("the stream ends once its token is revoked")
                                .contains("event: revoked");
                    }
                });
    }

    private static CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream(
            HarnessClient client, String token, String path) {
        HttpRequest request =
                client.withToken(token)
                        .request(path)
                        .timeout(Duration.ofSeconds(60))
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build();
        return HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
    }

    private void serve(Harness.Body body) throws Exception {
        Harness.serve(vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)), body);
    }
}
