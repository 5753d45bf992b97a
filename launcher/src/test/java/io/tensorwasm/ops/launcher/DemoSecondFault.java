package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tensorwasm.ops.testkit.ChromiumBrowser;
import io.tensorwasm.ops.testkit.HarnessClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

/**
 * The demo's loop after its story (issue #17): the same fault again, within the runbook's cooldown.
 * The automatic run is refused before anyone is paged, and the one page says so; in Chromium the
 * incident says why, an interactive run started from it joins its timeline and links back, and the
 * incident's page, open in another tab, follows it all without a reload until the incident
 * resolves.
 */
final class DemoSecondFault {

    private static final String MARK = "window.twopsSameDocument";

    private final int consolePort;
    private final Path data;
    private final String functionId;

    DemoSecondFault(int consolePort, Path data, String functionId) {
        this.consolePort = consolePort;
        this.data = data;
        this.functionId = functionId;
    }

    /** Plays it; returns the incident the second fault opened. */
    long play(DemoPages pages) throws Exception {
        DemoLoad load =
                DemoLoad.start(
                        LoopClient.of(
                                URI.create(LoopUrls.read(data, "runtime").orElseThrow()),
                                Files.readString(data.resolve("runtime-admin-token")).strip()),
                        functionId);
        try {
            long before = latestFastBurn().path("id").asLong();
            HarnessClient runtime =
                    HarnessClient.of(
                                    URI.create(LoopUrls.read(data, "runtime").orElseThrow())
                                            .getPort())
                            .withToken(
                                    Files.readString(data.resolve("runtime-admin-token")).strip());
            assertThat(
                            runtime.postJson("/admin/faults", "{\"invoke_error_rate\":1.0}")
                                    .statusCode())
                    .isEqualTo(200);
            await(
                    "a second fast-burn incident, its automatic run refused",
                    Duration.ofMinutes(2),
                    () -> {
                        JsonNode latest = latestFastBurn();
                        return latest.path("id").asLong() > before
                                && latest.path("remediation")
                                        .path("state")
                                        .asText()
                                        .equals("refused");
                    });
            long id = latestFastBurn().path("id").asLong();
            JsonNode page = pages.onlyTrigger(DemoPages.PRIMARY, id);
            assertThat(page.path("summary").asText())
                    .contains(
                            "The automatic run of availability-fast-burn was refused:"
                                    + " availability-fast-burn: cooling down until ")
                    .doesNotContain("The engine is running");
            inTheBrowser(id);
            return id;
        } finally {
            load.close();
        }
    }

    private void inTheBrowser(long id) throws Exception {
        try (ChromiumBrowser browser = ChromiumBrowser.start()) {
            WebDriver driver = browser.driver();
            String base = "http://127.0.0.1:" + consolePort;
            browser.signIn(base, Files.readString(data.resolve("console-admin-token")).strip());
            driver.get(base + "/");
            assertThat(
                            driver.findElements(
                                    By.cssSelector("#firing a[href='/incidents/" + id + "']")))
                    .as("the firing alert links its incident")
                    .hasSize(1);
            Screenshots.save(driver, "demo-home");
            driver.get(base + "/incidents/" + id);
            // The incident's page refreshes its regions as events arrive: read it when it shows.
            await(
                    "the refused automatic run on the incident's page, and why",
                    Duration.ofSeconds(30),
                    () ->
                            text(driver, "remediation").equals("automation auto: refused")
                                    && text(driver, "remediation-reason")
                                            .startsWith(
                                                    "Why: availability-fast-burn: cooling down"
                                                            + " until ")
                                    && !driver.findElements(By.id("override-cooldown")).isEmpty());
            ((JavascriptExecutor) driver).executeScript(MARK + " = 'yes'");
            String incidentTab = driver.getWindowHandle();

            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(base + "/incidents/" + id);
            ChromiumBrowser.click(driver, "start-incident-run");
            await(
                    "the execution page",
                    Duration.ofSeconds(30),
                    () -> !text(driver, "started-by").isEmpty());
            // A running execution's page swaps its regions as steps report; read each once shown.
            await(
                    "the execution's link to its incident",
                    Duration.ofSeconds(30),
                    () ->
                            ChromiumBrowser.attribute(driver, "incident-link", "href")
                                    .endsWith("/incidents/" + id));
            await(
                    "who started the execution, and for which incident",
                    Duration.ofSeconds(30),
                    () ->
                            text(driver, "started-by")
                                    .equals(
                                            "first admin, for TensorWasmAvailabilityFastBurn"
                                                    + " (incident "
                                                    + id
                                                    + ")"));
            approveEveryStep(driver);
            Screenshots.save(driver, "demo-interactive-run");

            driver.switchTo().window(incidentTab);
            await(
                    "the incident to resolve on its open page",
                    Duration.ofMinutes(3),
                    () -> text(driver, "status").equals("resolved"));
            assertThat(((JavascriptExecutor) driver).executeScript("return " + MARK))
                    .as("the incident's page followed the run and the resolution without a reload")
                    .isEqualTo("yes");
            await(
                    "the interactive run and the resolution on the incident's timeline",
                    Duration.ofSeconds(30),
                    () -> {
                        String timeline =
                                ChromiumBrowser.attribute(driver, "timeline", "textContent");
                        return timeline.contains("(interactive, by first admin)")
                                && timeline.contains("step 4 started: target restart")
                                && timeline.contains("closed by the alert's resolution");
                    });
            Screenshots.save(driver, "demo-refused-run");
            driver.get(base + "/history");
            assertThat(driver.findElement(By.id("history")).getText())
                    .contains(
                            "first admin, for TensorWasmAvailabilityFastBurn (incident "
                                    + id
                                    + ")");
            Screenshots.save(driver, "demo-history");
        }
    }

    /** Approves each step's question until the run ends. */
    private static void approveEveryStep(WebDriver driver) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        // An empty status is the page putting its fresh regions in place: still running.
        while (List.of("running", "").contains(text(driver, "status"))) {
            assertThat(Instant.now()).as("the interactive run to end").isBefore(deadline);
            List<WebElement> approve = driver.findElements(By.id("approve"));
            if (!approve.isEmpty()) {
                try {
                    approve.get(0).click();
                    // The page replaces its question once the next event arrives.
                    Thread.sleep(300);
                } catch (WebDriverException e) {
                    // The page may have refreshed itself between the look and the click.
                    if (!ChromiumBrowser.isReplaced(e)) {
                        throw e;
                    }
                }
            } else {
                Thread.sleep(200);
            }
        }
        assertThat(text(driver, "status")).isEqualTo("succeeded");
    }

    private JsonNode latestFastBurn() throws Exception {
        JsonNode all =
                LoopClient.parse(
                        HarnessClient.of(consolePort)
                                .withToken(
                                        Files.readString(data.resolve("console-admin-token"))
                                                .strip())
                                .get("/api/incidents")
                                .body());
        for (JsonNode incident : all.path("incidents")) {
            if (incident.path("alert").asText().equals(DemoCommand.FAST_BURN)) {
                return LoopClient.parse(
                        HarnessClient.of(consolePort)
                                .withToken(
                                        Files.readString(data.resolve("console-admin-token"))
                                                .strip())
                                .get("/api/incidents/" + incident.path("id").asLong())
                                .body());
            }
        }
        throw new AssertionError("no fast-burn incident in " + all);
    }

    static String text(WebDriver driver, String id) {
        return ChromiumBrowser.text(driver, id);
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.holds()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            Thread.sleep(250);
        }
    }

    /** Something the test waits for. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }
}
