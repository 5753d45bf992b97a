package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.testkit.ChromiumBrowser;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;

/**
 * The on-call console in headless Chromium against a real runtime, started as a child process the
 * way {@code twops start} starts it: sign in, open a runbook from the alert index, a dry run, an
 * interactive run approved step by step with its check arriving live, an abort, history, the
 * drills, an incident opened by an Alertmanager delivery and acknowledged, and the runtime stopped
 * under a signed-in user. Saves a screenshot of each main page to {@code docs/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnCallConsoleIT {

    private static final String RUNTIME_TOKEN = "console-it-runtime-t0ken";

    private LocalProcessTarget runtime;
    private int runtimePort;
    private ConsoleServer console;
    private ChromiumBrowser browser;
    private WebDriver driver;
    private String base;

    @BeforeAll
    void start(@TempDir Path data) throws Exception {
        runtimePort = FreePort.next();
        Files.createDirectories(data.resolve("logs"));
        runtime = RuntimeProcess.target("127.0.0.1", runtimePort, data, RUNTIME_TOKEN);
        Files.writeString(data.resolve("runtime-admin-token"), RUNTIME_TOKEN);
        CommandResult started = runtime.perform(Action.Operation.START);
        assertThat(started.ok()).as(started.output()).isTrue();
        console =
                ConsoleServer.start(
                        ConsoleConfig.builder()
                                .port(0)
                                .dataDir(data.resolve("console"))
                                .runtimeUrl(URI.create("http://127.0.0.1:" + runtimePort))
                                .runbooks(
                                        List.of(
                                                Path.of(
                                                        "..",
                                                        "runbooks",
                                                        "src",
                                                        "main",
                                                        "resources",
                                                        "runbooks"),
                                                Path.of("src", "test", "resources", "console-it")))
                                .drills(
                                        DrillSettings.builder()
                                                .runtimeTokenFile(
                                                        data.resolve("runtime-admin-token"))
                                                .runtimeAuditLog(data.resolve("runtime/audit.log"))
                                                .scratch(data.resolve("drills"))
                                                .build())
                                .build(),
                        RunEnvironment.none()
                                .withTarget("runtime", runtime)
                                .withCliTool("tensor-wasm", TensorWasmCommand.javaCommand())
                                .withPollInterval(Duration.ofMillis(500)));
        browser = ChromiumBrowser.start();
        driver = browser.driver();
        base = "http://127.0.0.1:" + console.port();
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            try {
                if (console != null) {
                    console.close();
                }
            } finally {
                runtime.perform(Action.Operation.STOP);
            }
        }
    }

    @Test
    @Order(1)
    void signsInAndOpensARunbookFromTheAlertIndex() throws Exception {
        browser.signIn(base, Files.readString(console.adminTokenFile()).strip());
        assertThat(driver.getTitle()).isEqualTo("Alerts · TensorWasm Ops");
        assertThat(driver.findElement(By.id("health")).getText()).contains("runtime is reachable");
        assertThat(driver.findElement(By.id("index")).getText())
                .contains("TensorWasmAvailabilityFastBurn")
                .contains("TensorWasmInvokesStalled");
        screenshot("home");

        driver.findElement(By.linkText("TensorWasmInvokesStalled")).click();
        await(() -> text("runbook-title").equals("Invokes stalled"), "the runbook page");
        List<WebElement> values = driver.findElements(By.cssSelector(".first-look table.labelled"));
        assertThat(values).as("each result shows its labels in a small table").hasSize(2);
        assertThat(values.get(0).getText()).matches("route value\n/healthz \\d+");
        assertThat(values.get(1).getText()).isEqualTo("outcome value\nsuccess 0");
        assertThat(driver.findElement(By.cssSelector("a.grafana")).getAttribute("href"))
                .startsWith(
                        "http://127.0.0.1:3000/d/tensor-wasm-overview?viewPanel=19&from=now-1h");
        assertThat(driver.findElement(By.id("total")).getText())
                .isEqualTo("4m30s of estimates, within the 10m SLA");
        screenshot("runbook");
    }

    @Test
    @Order(2)
    void recordsADryRunWithTheLiveValuesOfItsReadOnlySteps() throws Exception {
        driver.get(base + "/runbooks/invoke-smoke");
        driver.findElement(By.id("start-dry-run")).click();
        await(() -> text("mode").equals("dry-run"), "the dry run's execution page");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("planned");
        assertThat(driver.findElement(By.id("steps")).getText())
                .contains("holds: status=200, body.status=\"ok\"");
    }

    @Test
    @Order(3)
    void approvesStepsOfAnInteractiveRunAndWatchesItsCheckArriveLive() throws Exception {
        driver.get(base + "/runbooks/invoke-smoke");
        driver.findElement(By.id("start-run")).click();
        await(() -> text("question").contains("Step 1 waits for a decision"), "step 1's question");
        ChromiumBrowser.click(driver, "approve");
        await(() -> text("question").contains("Step 2 waits for a decision"), "step 2's question");
        ChromiumBrowser.click(driver, "approve");

        await(
                () ->
                        !driver.findElements(By.cssSelector("#live-checks li.live.does-not-hold"))
                                .isEmpty(),
                "a poll of step 2 pushed to the page");
        HarnessClient api = HarnessClient.of(runtimePort).withToken(RUNTIME_TOKEN);
        HttpResponse<String> deployed =
                api.postJson(
                        "/functions",
                        "{\"name\":\"adder\",\"wasm_b64\":\"" + WasmCorpus.base64("ok") + "\"}");
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        String id = deployed.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        await(
                () ->
                        driver.findElements(By.cssSelector("figure.sparkline polyline")).stream()
                                .anyMatch(p -> p.getAttribute("points").split(" ").length >= 2),
                "a sparkline of step 2's metric");
        for (int i = 0; i < 5; i++) {
            assertThat(
                            api.postJson(
                                            "/functions/" + id + "/invoke",
                                            "{\"export\":\"add\",\"args\":[2,3]}")
                                    .body())
                    .isEqualTo("{\"result\":[5]}");
        }
        await(
                () -> !driver.findElements(By.cssSelector("#live-checks li.live.holds")).isEmpty(),
                "step 2's check holding, pushed to the page");

        await(() -> text("question").contains("Step 3 waits for a decision"), "step 3's question");
        await(
                () -> text("steps").contains("metric(\"tensor_wasm_invocations_total\", {...})=5"),
                "step 2's observed value in the steps table");
        screenshot("execution");
        ChromiumBrowser.click(driver, "approve");
        await(
                () -> text("question").contains("Tenants see their invokes succeed again"),
                "the confirmation");
        ChromiumBrowser.click(driver, "confirm-yes");
        await(() -> text("question").contains("Step 4 waits for a decision"), "step 4's question");
        driver.findElement(By.id("abort-reason")).sendKeys("invokes are back; the rest can wait");
        ChromiumBrowser.click(driver, "abort");
        await(() -> text("status").equals("aborted"), "the run to end aborted");
        await(
                () ->
                        text("summary")
                                .equals(
                                        "aborted by first admin at step 4: invokes are back; the"
                                                + " rest can wait"),
                "the run's summary: who aborted it, where and why");
        assertThat(driver.findElements(By.id("abort"))).isEmpty();
    }

    @Test
    @Order(4)
    void findsBothRunsInHistoryAndOpensOneReadOnly() throws Exception {
        driver.get(base + "/history?runbook=invoke-smoke");
        assertThat(text("matching")).isEqualTo("2 executions match.");
        assertThat(text("history")).contains("dry-run").contains("interactive").contains("aborted");
        screenshot("history");
        driver.get(base + "/history?runbook=invoke-smoke&mode=interactive&outcome=aborted");
        assertThat(text("matching")).isEqualTo("1 execution matches.");
        driver.findElement(By.cssSelector("#history tbody a")).click();
        await(() -> text("status").equals("aborted"), "the aborted run's page");
        assertThat(driver.findElements(By.id("approve"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("[data-events]"))).isEmpty();
        driver.get(base + "/runbooks");
        screenshot("runbooks");
        driver.get(base + "/incidents");
        assertThat(text("no-incidents")).startsWith("No incident has been opened.");
        screenshot("incidents");
        driver.get(base + "/drills");
        driver.findElement(By.id("run-dr-smoke")).click();
        await(() -> text("notice").startsWith("Run-now request "), "the run-now notice");
        await(
                () -> {
                    // Reloading every 50 ms would load both cores while the smoke test times
                    // /healthz against its 10 ms limit; twice a second is enough to see the end.
                    pause(Duration.ofMillis(500));
                    driver.get(base + "/drills");
                    // Every check of the run, folded or not: a failed run fails here, saying why.
                    List<WebElement> table = driver.findElements(By.id("runs"));
                    if (table.isEmpty()) {
                        return false;
                    }
                    String runs = table.get(0).getAttribute("textContent");
                    assertThat(runs).as("the smoke test's run").doesNotContain("failed");
                    return runs.contains("passed");
                },
                "the smoke test to pass");
        driver.findElement(By.cssSelector("#runs details summary")).click();
        assertThat(text("runs"))
                .contains("dr-smoke")
                .contains("5 checks passed")
                .contains("the audit sink shows the dr-smoke create and delete");
        screenshot("drills");
    }

    @Test
    @Order(5)
    void opensAnIncidentFromAnAlertmanagerDeliveryAndAcknowledgesItInTheBrowser() throws Exception {
        HttpResponse<String> delivered =
                HarnessClient.of(console.port())
                        .withToken(Files.readString(console.webhookTokenFile()).strip())
                        .postJson("/hooks/alertmanager", latencySpikeFiring());
        assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);

        driver.get(base + "/incidents");
        driver.findElement(By.partialLinkText("TensorWasmInvokeLatencySpike")).click();
        await(() -> text("status").equals("open"), "the incident page");
        // The page follows the incident as its events arrive: read each part once it shows.
        await(() -> text("remediation").contains("execution "), "the prepared run");
        await(
                () -> text("timeline").contains("no rotation is configured: nobody was paged"),
                "the page that was not sent, on the timeline");
        assertThat(text("timeline"))
                .contains("alert firing TensorWasmInvokeLatencySpike firing since ")
                .contains(" of invoke-latency-spike (prepared, waiting for an approver)")
                .contains("waits for a person with the approver role to approve step 1");
        ChromiumBrowser.click(driver, "acknowledge");
        await(() -> text("status").equals("acknowledged"), "the acknowledgement");
        await(
                () -> text("timeline").contains("acknowledged by first admin"),
                "the acknowledgement on the timeline");
        screenshot("incident");
    }

    /** What Alertmanager posts (payload version 4) when the invoke latency alert fires. */
    private static String latencySpikeFiring() {
        String startsAt = Instant.now().minusSeconds(120).toString();
        return "{\"receiver\":\"console-page\",\"status\":\"firing\",\"alerts\":[{"
                + "\"status\":\"firing\",\"labels\":{\"alertname\":\"TensorWasmInvokeLatencySpike\","
                + "\"severity\":\"page\",\"slo\":\"invoke-latency\",\"instance\":\"127.0.0.1:8080\"},"
                + "\"annotations\":{\"summary\":\"Invoke P95 above 250 ms\","
                + "\"runbook_url\":\"http://127.0.0.1:8090/runbooks/invoke-latency-spike\","
                + "\"dashboard_url\":\"http://127.0.0.1:3000/d/tensor-wasm-overview?viewPanel=3\"},"
                + "\"startsAt\":\""
                + startsAt
                + "\",\"endsAt\":\"0001-01-01T00:00:00Z\","
                + "\"generatorURL\":\"http://127.0.0.1:9090/graph\",\"fingerprint\":\"4c6e2b0a9f1d7e35\"}],"
                + "\"groupLabels\":{\"alertname\":\"TensorWasmInvokeLatencySpike\"},\"commonLabels\":{},"
                + "\"commonAnnotations\":{},\"externalURL\":\"http://127.0.0.1:9093\",\"version\":\"4\","
                + "\"groupKey\":\"{}:{alertname=\\\"TensorWasmInvokeLatencySpike\\\"}\","
                + "\"truncatedAlerts\":0}";
    }

    @Test
    @Order(6)
    void keepsRunbooksReadableWithAClearBannerWhenTheRuntimeStops() throws Exception {
        driver.get(base + "/");
        assertThat(driver.findElements(By.id("runtime-banner"))).isEmpty();
        assertThat(runtime.perform(Action.Operation.STOP).ok()).isTrue();
        await(
                () -> {
                    driver.get(base + "/runbooks/invoke-smoke");
                    return !driver.findElements(By.id("runtime-banner")).isEmpty();
                },
                "the runtime banner");
        assertThat(text("runtime-banner"))
                .isEqualTo(
                        "The runtime is not answering its health check. Runbooks stay readable;"
                                + " steps that call the runtime will fail until it is back.");
        assertThat(text("runbook-title")).isEqualTo("Invokes stalled");
        assertThat(driver.findElement(By.cssSelector(".first-look .value")).getText())
                .startsWith("no value: ");
        driver.findElement(By.id("start-run")).click();
        await(() -> !text("message").isEmpty(), "the page that says the runtime is down");
        assertThat(text("message"))
                .isEqualTo(
                        "The runtime at http://127.0.0.1:"
                                + runtimePort
                                + " is not answering its health check. Steps 1, 2 and 4 of this"
                                + " runbook call it and will fail until it is back.");
        screenshot("runtime-down");
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String text(String id) {
        return ChromiumBrowser.text(driver, id);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (!holds(condition)) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** False while the page the condition reads is being replaced by a reload. */
    private static boolean holds(BooleanSupplier condition) {
        try {
            return condition.getAsBoolean();
        } catch (WebDriverException e) {
            if (ChromiumBrowser.isReplaced(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A full-page PNG of what the browser shows, for the README; the page must fit 1,280 px. */
    private void screenshot(String name) throws Exception {
        Screenshots.save(driver, name);
    }
}
