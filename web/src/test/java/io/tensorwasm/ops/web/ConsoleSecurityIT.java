package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.auth.SecurityHeaders;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConsoleSecurityIT {

    private static final Pattern CSRF_FIELD =
            Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

    private final ConsoleFixture fixture = ConsoleFixture.withRuntimeDown();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void sendsAnonymousPageRequestsToTheLoginForm() throws Exception {
        serve(
                (port, client) -> {
                    HttpResponse<String> response = client.withCookies().get("/incidents");
                    assertThat(response.statusCode()).isEqualTo(302);
                    assertThat(response.headers().firstValue("Location"))
                            .contains("/login?next=%2Fincidents");
                });
    }

    @Test
    void signsInWithAValidTokenAndShowsTheRuntimeAsUnreachable() throws Exception {
        serve(
                (port, client) -> {
                    HarnessClient browser = client.withCookies();
                    HttpResponse<String> signedIn = signIn(browser, fixture.admin, "/");
                    assertThat(signedIn.statusCode()).isEqualTo(303);
                    assertThat(signedIn.headers().firstValue("Location")).contains("/");
                    HttpResponse<String> home = browser.get("/");
                    assertThat(home.statusCode()).isEqualTo(200);
                    assertThat(home.body())
                            .contains("runtime is not reachable")
                            .contains("id=\"runtime-banner\"")
                            .contains("ada admin");
                });
    }

    @Test
    void refusesAWrongTokenWithoutEchoingIt() throws Exception {
        serve(
                (port, client) -> {
                    HttpResponse<String> response =
                            signIn(client.withCookies(), "twc_nope_wrong", "/");
                    assertThat(response.statusCode()).isEqualTo(401);
                    assertThat(response.body())
                            .contains("That token is not valid, or it was revoked.")
                            .doesNotContain("twc_nope_wrong");
                });
    }

    @Test
    void rejectsAFormPostedWithoutItsCsrfToken() throws Exception {
        serve(
                (port, client) -> {
                    HarnessClient browser = client.withCookies();
                    signIn(browser, fixture.admin, "/");
                    HttpResponse<String> response = browser.postForm("/logout", Map.of());
                    assertThat(response.statusCode()).isEqualTo(403);
                    assertThat(response.body()).contains("CSRF check failed");
                    assertThat(browser.get("/").statusCode()).isEqualTo(200);
                });
    }

    @Test
    void refusesAViewerAndSaysWhy() throws Exception {
        serve(
                (port, client) -> {
                    HarnessClient browser = client.withCookies();
                    signIn(browser, fixture.viewer, "/");
                    HttpResponse<String> response = browser.get("/admin/tokens");
                    assertThat(response.statusCode()).isEqualTo(403);
                    assertThat(response.body())
                            .contains(
                                    "vic viewer signed in as viewer; to manage console"
                                            + " tokens you need the admin role or above.");
                });
    }

    @Test
    void refusesAViewerWhoStartsARunAndSaysWhy() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    String page = viewer.get("/runbooks/audit-log-rotation").body();
                    assertThat(page)
                            .contains(
                                    "Starting a run needs the operator role; you are signed in as viewer.")
                            .doesNotContain("id=\"start-run\"");
                    HttpResponse<String> refused =
                            viewer.submit(
                                    "/runbooks/audit-log-rotation",
                                    "/runbooks/audit-log-rotation/run",
                                    Map.of());
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.body())
                            .contains(
                                    "vic viewer signed in as viewer; to start a run you need the"
                                            + " operator role or above. Ask an admin for a token with"
                                            + " that role.");
                    assertThat(viewer.get("/history").body()).contains("0 executions match.");
                });
    }

    @Test
    void refusesAViewerWhoApprovesAStepAndSaysWhy() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession viewer = ConsoleSession.signIn(client, fixture.viewer);
                    HttpResponse<String> refused =
                            viewer.submit("/", "/executions/1/approve", Map.of("question", "1"));
                    assertThat(refused.statusCode()).isEqualTo(403);
                    assertThat(refused.body())
                            .contains(
                                    "vic viewer signed in as viewer; to approve a step you need the"
                                            + " approver role or above. Ask an admin for a token"
                                            + " with that role.");
                });
    }

    @Test
    void rejectsARunStartedWithoutItsCsrfToken() throws Exception {
        serve(
                (port, client) -> {
                    ConsoleSession operator = ConsoleSession.signIn(client, fixture.operator);
                    HttpResponse<String> forged =
                            operator.client.postForm("/runbooks/audit-log-rotation/run", Map.of());
                    assertThat(forged.statusCode()).isEqualTo(403);
                    assertThat(forged.body()).contains("CSRF check failed");
                    assertThat(operator.get("/history").body()).contains("No runbook has run yet.");
                });
    }

    @Test
    void acceptsABearerTokenWithoutASession() throws Exception {
        serve(
                (port, client) -> {
                    assertThat(client.withToken(fixture.admin).get("/drills").statusCode())
                            .isEqualTo(200);
                    HttpResponse<String> bad = client.withToken("twc_x_y").get("/drills");
                    assertThat(bad.statusCode()).isEqualTo(401);
                    assertThat(bad.headers().firstValue("WWW-Authenticate")).isPresent();
                });
    }

    @Test
    void theTokensPageShowsEachTokenByItsIdNeverItsSecret() throws Exception {
        var issued =
                fixture.tokens.issue("tia ticket", io.tensorwasm.ops.oncall.access.Role.VIEWER);
        String secret = issued.token().substring(issued.token().lastIndexOf('_') + 1);
        serve(
                (port, client) -> {
                    String page = client.withToken(fixture.admin).get("/admin/tokens").body();
                    assertThat(page)
                            .contains("tia ticket")
                            .contains(issued.principal().tokenId())
                            .doesNotContain(secret);
                });
    }

    @Test
    void escapesMarkupInNamesItRenders() throws Exception {
        fixture.tokens.issue(
                "<script>alert(1)</script>", io.tensorwasm.ops.oncall.access.Role.VIEWER);
        serve(
                (port, client) -> {
                    String body = client.withToken(fixture.admin).get("/admin/tokens").body();
                    assertThat(body)
                            .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                            .doesNotContain("<script>alert(1)</script>");
                });
    }

    @Test
    void setsStrictCookiesAndSecurityHeaders() throws Exception {
        serve(
                (port, client) -> {
                    HttpResponse<String> login = client.withCookies().get("/login");
                    assertThat(login.headers().firstValue("Content-Security-Policy"))
                            .contains(SecurityHeaders.CONTENT_SECURITY_POLICY);
                    assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                            .contains("frame-ancestors 'none'")
                            .contains("script-src 'self'")
                            .doesNotContain("unsafe-inline");
                    assertThat(login.headers().firstValue("X-Content-Type-Options"))
                            .contains("nosniff");
                    assertThat(login.headers().allValues("Set-Cookie"))
                            .anySatisfy(
                                    c ->
                                            assertThat(c)
                                                    .startsWith("twops.session=")
                                                    .contains("HTTPOnly")
                                                    .contains("SameSite=Strict"));
                });
    }

    @Test
    void revokingATokenEndsItsSession() throws Exception {
        serve(
                (port, client) -> {
                    HarnessClient viewer = client.withCookies();
                    signIn(viewer, fixture.viewer, "/");
                    assertThat(viewer.get("/").statusCode()).isEqualTo(200);
                    fixture.tokens.list().stream()
                            .filter(p -> p.name().equals("vic viewer"))
                            .forEach(p -> fixture.tokens.revoke(p.tokenId()));
                    assertThat(viewer.get("/").statusCode()).isEqualTo(302);
                });
    }

    private HttpResponse<String> signIn(HarnessClient browser, String token, String next)
            throws Exception {
        String form = browser.get("/login?next=" + next).body();
        return browser.postForm(
                "/login", Map.of("X-XSRF-TOKEN", csrf(form), "token", token, "next", next));
    }

    static String csrf(String html) {
        Matcher m = CSRF_FIELD.matcher(html);
        assertThat(m.find()).as("the page carries a CSRF field").isTrue();
        return m.group(1);
    }

    private void serve(Harness.Body body) throws Exception {
        Harness.serve(vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx)), body);
    }
}
