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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
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
            signIn(driver, base);
            driver.get(base + "/");
            assertThat(
                            driver.findElements(
                                    By.cssSelector("#firing a[href='/incidents/" + id + "']")))
                    .as("the firing alert links its incident")
                    .hasSize(1);
            Screenshots.save(driver, "demo-home");
            driver.get(base + "/incidents/" + id);
            assertThat(text(driver, "remediation")).isEqualTo("automation auto: refused");
            assertThat(text(driver, "remediation-reason"))
                    .startsWith("Why: availability-fast-burn: cooling down until ");
            assertThat(driver.findElements(By.id("override-cooldown"))).hasSize(1);
            ((JavascriptExecutor) driver).executeScript(MARK + " = 'yes'");
            String incidentTab = driver.getWindowHandle();

            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(base + "/incidents/" + id);
            driver.findElement(By.id("start-incident-run")).click();
            await(
                    "the execution page",
                    Duration.ofSeconds(30),
                    () -> !text(driver, "status").isEmpty());
            assertThat(driver.findElement(By.id("incident-link")).getAttribute("href"))
                    .endsWith("/incidents/" + id);
            assertThat(text(driver, "started-by"))
                    .isEqualTo(
                            "first admin, for TensorWasmAvailabilityFastBurn (incident "
                                    + id
                                    + ")");
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
            assertThat(driver.findElement(By.id("timeline")).getAttribute("textContent"))
                    .contains("(interactive, by first admin)")
                    .contains("step 4 started: target restart")
                    .contains("closed by the alert's resolution");
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
                } catch (StaleElementReferenceException replaced) {
                    // The page refreshed itself between the look and the click.
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

    private void signIn(WebDriver driver, String base) throws Exception {
        driver.get(base + "/");
        driver.findElement(By.id("token"))
                .sendKeys(Files.readString(data.resolve("console-admin-token")).strip());
        driver.findElement(By.cssSelector("form.stack button")).click();
        await(
                "the home page",
                Duration.ofSeconds(30),
                () -> driver.getTitle().startsWith("Alerts"));
    }

    /** The text of an element, or empty while it is missing or being replaced. */
    static String text(WebDriver driver, String id) {
        try {
            List<WebElement> found = driver.findElements(By.id(id));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException replaced) {
            return "";
        }
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
