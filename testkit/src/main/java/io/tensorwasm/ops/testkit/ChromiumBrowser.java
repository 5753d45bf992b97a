package io.tensorwasm.ops.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver with a fresh profile, stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (ChromiumBrowser browser = ChromiumBrowser.start()) {
 *     browser.driver().get("http://127.0.0.1:" + port + "/");
 * }
 * }</pre>
 */
public final class ChromiumBrowser implements AutoCloseable {

    private final WebDriver driver;
    private final Path profile;

    private ChromiumBrowser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts Chromium headless with the flags this machine needs (no network beyond loopback). */
    public static ChromiumBrowser start() {
        return start(Tools.system());
    }

    /** As {@link #start()}, looking for the binaries with the given tools. */
    public static ChromiumBrowser start(Tools tools) {
        Path chromium = tools.locate(Tool.CHROMIUM);
        Path chromedriver = tools.locate(Tool.CHROMEDRIVER);
        Path profile = Scratch.directory("chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver.toFile())
                        .usingAnyFreePort()
                        .withLogFile(Scratch.logFile("chromedriver").toFile())
                        .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new ChromiumBrowser(driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            Scratch.delete(profile);
            throw e;
        }
    }

    /** The Selenium driver. */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Signs in to the console at {@code consoleUrl} with a token through its sign-in form, as a
     * person does, and waits until the page the form leads to has loaded: a click starts the
     * navigation but does not wait for it, so reading the page at once can still see the form.
     */
    public void signIn(String consoleUrl, String token) {
        driver.get(consoleUrl + "/");
        if (!driver.getTitle().startsWith("Sign in")) {
            throw new IllegalStateException(
                    consoleUrl + "/ did not show the sign-in form: " + driver.getTitle());
        }
        driver.findElement(By.id("token")).sendKeys(token);
        driver.findElement(By.cssSelector("form.stack button")).click();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (driver.getTitle().startsWith("Sign in")) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(
                        "still on the sign-in form 30 s after posting the token: "
                                + driver.findElement(By.tagName("body")).getText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while signing in", e);
            }
        }
    }

    /**
     * The text of the element with this id, or empty while it is missing or the page is replacing
     * it. The console's live pages swap their regions when an event arrives, so an element found a
     * moment ago can be gone when its text is read: Selenium reports that as a stale element, and
     * Chromium at times as an inspector error saying the node "does not belong to the document".
     */
    public static String text(WebDriver driver, String id) {
        try {
            List<WebElement> found = driver.findElements(By.id(id));
            return found.isEmpty() ? "" : found.get(0).getText();
        } catch (StaleElementReferenceException replaced) {
            return "";
        } catch (WebDriverException e) {
            if (isReplaced(e)) {
                return "";
            }
            throw e;
        }
    }

    /**
     * An attribute of the element with this id (a DOM property where one exists, as Selenium's
     * {@code getAttribute} reads it), or empty while it is missing or being replaced.
     */
    public static String attribute(WebDriver driver, String id, String name) {
        try {
            List<WebElement> found = driver.findElements(By.id(id));
            String value = found.isEmpty() ? null : found.get(0).getAttribute(name);
            return value == null ? "" : value;
        } catch (WebDriverException e) {
            if (isReplaced(e)) {
                return "";
            }
            throw e;
        }
    }

    /**
     * Clicks the element with this id, finding it again when the page replaced it between the look
     * and the click; fails when it is still missing after 30 s.
     */
    public static void click(WebDriver driver, String id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                driver.findElement(By.id(id)).click();
                return;
            } catch (WebDriverException e) {
                boolean missing = e instanceof org.openqa.selenium.NoSuchElementException;
                if (!(missing || isReplaced(e)) || Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while clicking #" + id, e);
            }
        }
    }

    /** Whether Chromium says an element was removed from the page since it was found. */
    public static boolean isReplaced(WebDriverException e) {
        return e instanceof StaleElementReferenceException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Scratch.delete(profile);
        }
    }
}
