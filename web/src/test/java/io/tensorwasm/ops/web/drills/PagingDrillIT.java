package io.tensorwasm.ops.web.drills;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.drills.DrillCheck;
import io.tensorwasm.ops.drills.DrillRun;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paging drill against a real console: its test page goes through a real webhook, the person
 * acknowledges it over the API or from the drills page, and every link of the alert rules is
 * fetched from the console for real.
 */
class PagingDrillIT {

    private static final String HEALTHY_ROTATION =
            "secondary: {person: Bo Lind, channel: webhook, url: http://127.0.0.1:9/none}\n"
                    + "maintainers:\n"
                    + "  addresses: [maintainers@example.org]\n"
                    + "  channel: webhook\n"
                    + "  url: http://127.0.0.1:9/list\n";
    private static final Pattern TEST_PAGE = Pattern.compile("#test-page-(\\d+)$");
    private static final Pattern CSRF = Pattern.compile("name=\"X-XSRF-TOKEN\" value=\"([^\"]+)\"");

    @TempDir Path dir;

    @Test
    void passesWhenThePrimaryAcknowledgesOverTheApiAndRecordsTheLatency() throws Exception {
        try (PagerEndpoint pager = new PagerEndpoint();
                DrillConsole console =
                        DrillConsole.start(
                                dir,
                                DrillConsole.rotation(pager, "30s", HEALTHY_ROTATION),
                                UnaryOperator.identity())) {
            HarnessClient ana = console.client().withToken(console.token("ana", Role.OPERATOR));
            HttpResponse<String> unknown = ana.postJson("/drills/fire-alarm/run", "{}");
            assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
            assertThat(new JsonObject(unknown.body()).getJsonObject("error").getString("code"))
                    .isEqualTo("not_found");
            assertThat(unknown.body()).contains("fire-alarm");
            HttpResponse<String> queued = ana.postJson("/drills/paging/run", "{}");
            assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
            String fireKey = new JsonObject(queued.body()).getString("fire_key");

            JsonObject page = pager.await(1, Duration.ofSeconds(20));
            assertThat(page.getString("event")).isEqualTo("trigger");
            assertThat(page.getString("alert")).isEqualTo("PagingDrill");
            assertThat(page.getString("runbook_url"))
                    .isEqualTo(console.base + "/runbooks/oncall-paging");
            assertThat(page.getString("summary"))
                    .startsWith("TEST PAGE from the monthly paging drill, not an incident");
            long id = testPage(page);
            Thread.sleep(300);
            HttpResponse<String> ack = ana.postJson("/drills/pages/" + id + "/ack", "{}");
            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(ack.body()).getString("message"))
                    .matches("Acknowledged test page " + id + " after \\d+\\.\\d s\\.");

            DrillRun run = console.awaitRun(fireKey, Duration.ofSeconds(30));
            assertThat(run.outcome()).as(run.summary()).isEqualTo("passed");
            assertThat(run.summary()).isEqualTo("5 checks passed");
            assertThat(run.checks())
                    .extracting(DrillCheck::name)
                    .containsExactly(
                            "the primary acknowledges a test page within 30s",
                            "the secondary rotation has a person",
                            "the maintainers list has addresses",
                            "every runbook_url in the alert rules opens from the console",
                            "every dashboard_url in the alert rules points at an existing panel");
            DrillCheck acknowledged = run.checks().get(0);
            assertThat(acknowledged.observed())
                    .matches(
                            "Ana Ortiz acknowledged test page "
                                    + id
                                    + " after \\d+\\.\\d s \\(as ana\\)");
            assertThat(acknowledged.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
            assertThat(run.checks().get(3).observed())
                    .matches("7 of 7 answered 200 \\(slowest \\d+ ms\\)");
            assertThat(run.checks().get(4).observed())
                    .startsWith(
                            "7 of 7: tensor-wasm-overview panel 7 (Burn rate, 5 m and 1 h);"
                                    + " tensor-wasm-overview panel 8");
            pager.await(3, Duration.ofSeconds(5));
            // The acknowledge is sent by the request that acknowledged, the resolve by the drill
            // once it sees the acknowledgement stored: two threads, either can reach the pager
            // first.
            List<String> events = pager.events().stream().map(e -> e.getString("event")).toList();
            assertThat(events).hasSize(3).startsWith("trigger");
            assertThat(events.subList(1, 3)).containsExactlyInAnyOrder("acknowledge", "resolve");
            HttpResponse<String> again = ana.postJson("/drills/pages/" + id + "/ack", "{}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(again.body()).getString("message"))
                    .isEqualTo("Test page " + id + " was already acknowledged by ana.");
        }
    }

    @Test
    void failsOnSilenceAndBrokenLinksOpensASev2IncidentAndPagesForIt() throws Exception {
        UnaryOperator<String> broken =
                rules ->
                        rules.replace("/runbooks/healthz-slow", "/runbooks/no-such-page")
                                .replace("viewPanel=3&", "viewPanel=42&");
        try (PagerEndpoint pager = new PagerEndpoint();
                DrillConsole console =
                        DrillConsole.start(
                                dir,
                                DrillConsole.rotation(
                                        pager,
                                        "2s",
                                        "maintainers: {addresses: [not-an-address]}\n"),
                                broken)) {
            String request = console.server.parts().drills().runNow("paging");
            DrillRun run = console.awaitRun("manual:" + request, Duration.ofSeconds(30));
            long id = testPage(pager.events().get(0));

            assertThat(run.outcome()).isEqualTo("failed");
            assertThat(run.checks())
                    .extracting(DrillCheck::observed)
                    .containsExactly(
                            "Ana Ortiz did not acknowledge test page " + id + " within 2s",
                            "nobody holds the secondary tier in the rotation",
                            "not an address: not-an-address",
                            "1 of 7 do not: TensorWasmHealthzSlow: "
                                    + console.base
                                    + "/runbooks/no-such-page answered 404 {\"error\":{\"code\":"
                                    + "\"not_found\",\"message\":\"/runbooks/no-such-page is not a"
                                    + " console page.\"}}",
                            "1 of 7 do not: TensorWasmHealthzSlow: dashboard tensor-wasm-overview"
                                    + " has no panel 42");
            Incident incident =
                    new IncidentStore(console.server.parts().database().dataSource())
                            .findByKey("drill-run:" + run.id())
                            .orElseThrow();
            assertThat(incident.severity()).isEqualTo(Severity.SEV_2);
            assertThat(incident.title()).isEqualTo("Drill failed: paging (5 checks)");
            assertThat(incident.runbookId()).hasValue("oncall-paging");

            JsonObject failurePage = pager.await(3, Duration.ofSeconds(5));
            assertThat(pager.events())
                    .extracting(e -> e.getString("event"))
                    .containsExactly("trigger", "resolve", "trigger");
            assertThat(failurePage.getString("alert")).isEqualTo("DrillFailed");
            assertThat(failurePage.getString("severity")).isEqualTo("sev-2");
            assertThat(failurePage.getString("summary"))
                    .isEqualTo(
                            "readiness drill paging failed: the primary acknowledges a test page"
                                    + " within 2s: Ana Ortiz did not acknowledge test page "
                                    + id
                                    + " within 2s");
            assertThat(failurePage.getString("runbook_url"))
                    .isEqualTo(console.base + "/runbooks/oncall-paging");

            HarnessClient ana = console.client().withToken(console.token("ana", Role.OPERATOR));
            HttpResponse<String> late = ana.postJson("/drills/pages/" + id + "/ack", "{}");
            assertThat(late.statusCode()).isEqualTo(409);
            assertThat(new JsonObject(late.body()).getString("message"))
                    .startsWith(
                            "Test page " + id + " is closed: the drill stopped waiting for it at ");
        }
    }

    @Test
    void theDrillsPageRunsTheDrillAndAcknowledgesItsTestPageForOperatorsOnly() throws Exception {
        try (PagerEndpoint pager = new PagerEndpoint();
                DrillConsole console =
                        DrillConsole.start(
                                dir,
                                DrillConsole.rotation(pager, "30s", HEALTHY_ROTATION),
                                UnaryOperator.identity())) {
            HarnessClient viewer = signIn(console, console.token("vic", Role.VIEWER));
            HttpResponse<String> refused = submit(viewer, "/drills", "/drills/paging/run");
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body())
                    .contains(
                            "vic signed in as viewer; to run a drill or acknowledge a test page you"
                                    + " need the operator role or above.");

            HarnessClient ana = signIn(console, console.token("ana", Role.OPERATOR));
            String drills = ana.get("/drills").body();
            assertThat(drills)
                    .contains("id=\"run-paging\"", "id=\"run-dr-smoke\"", "id=\"run-dr-rehearsal\"")
                    .contains("<code>off</code>")
                    .contains("No drill has run yet.");
            HttpResponse<String> queued = submit(ana, "/drills", "/drills/paging/run");
            assertThat(queued.statusCode()).isEqualTo(303);
            String location = queued.headers().firstValue("Location").orElseThrow();
            assertThat(location).matches("/drills\\?requested=[0-9a-f-]{36}");
            String request = location.substring(location.indexOf('=') + 1);
            assertThat(ana.get(location).body())
                    .contains(
                            "Run-now request "
                                    + request
                                    + " is queued; its run appears below once a node picks it up.");

            long id = testPage(pager.await(1, Duration.ofSeconds(20)));
            HttpResponse<String> acked = submit(ana, "/drills", "/drills/pages/" + id + "/ack");
            assertThat(acked.statusCode()).isEqualTo(200);
            assertThat(acked.body())
                    .containsPattern("Acknowledged test page " + id + " after \\d+\\.\\d s\\.");

            DrillRun run = console.awaitRun("manual:" + request, Duration.ofSeconds(30));
            assertThat(run.outcome()).as(run.summary()).isEqualTo("passed");
            assertThat(ana.get("/drills").body())
                    .contains("<span class=\"status passed\">passed</span>")
                    .contains("<summary>5 checks passed</summary>")
                    .contains("Ana Ortiz acknowledged test page " + id);
        }
    }

    private static long testPage(JsonObject trigger) {
        Matcher m = TEST_PAGE.matcher(trigger.getString("incident_url"));
        assertThat(m.find()).as(trigger.encode()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static HarnessClient signIn(DrillConsole console, String token) throws Exception {
        HarnessClient browser = console.client().withCookies();
        HttpResponse<String> signedIn =
                browser.postForm(
                        "/login",
                        Map.of(
                                "token",
                                token,
                                "next",
                                "/",
                                "X-XSRF-TOKEN",
                                csrf(browser.get("/login").body())));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return browser;
    }

    private static HttpResponse<String> submit(HarnessClient browser, String page, String action)
            throws Exception {
        return browser.postForm(action, Map.of("X-XSRF-TOKEN", csrf(browser.get(page).body())));
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        assertThat(m.find()).as("a CSRF field in\n" + html).isTrue();
        return m.group(1);
    }
}
