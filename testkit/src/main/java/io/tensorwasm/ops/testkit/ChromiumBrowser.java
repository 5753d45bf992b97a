package io.tensorwasm.ops.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
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

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Scratch.delete(profile);
        }
    }
}
