package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/**
 * Full-page screenshots for the README, saved to {@code docs/screenshots/NAME.png}, each of a page
 * that fits the browser's 1,280 px without a horizontal scrollbar (issue #17).
 */
final class Screenshots {

    static final Path DIR =
            Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");

    private Screenshots() {}

    /** The whole page, cut at 2600 CSS pixels, as Chromium renders it. */
    @SuppressWarnings("unchecked")
    static Path save(WebDriver driver, String name) throws IOException {
        assertFits(driver, name);
        HasCdp cdp = (HasCdp) driver;
        Map<String, Object> size =
                (Map<String, Object>)
                        cdp.executeCdpCommand("Page.getLayoutMetrics", Map.of())
                                .get("cssContentSize");
        Map<String, Object> clip =
                Map.of(
                        "x", 0,
                        "y", 0,
                        "width", ((Number) size.get("width")).doubleValue(),
                        "height", Math.min(2600, ((Number) size.get("height")).doubleValue()),
                        "scale", 1);
        Map<String, Object> shot =
                cdp.executeCdpCommand(
                        "Page.captureScreenshot",
                        Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        Files.createDirectories(DIR);
        return Files.write(
                DIR.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The page is 1,280 px wide and scrolls only down: nothing sticks out to the right. */
    static void assertFits(WebDriver driver, String name) {
        JavascriptExecutor script = (JavascriptExecutor) driver;
        long viewport =
                ((Number) script.executeScript("return document.documentElement.clientWidth"))
                        .longValue();
        long content =
                ((Number) script.executeScript("return document.documentElement.scrollWidth"))
                        .longValue();
        long window = ((Number) script.executeScript("return window.outerWidth")).longValue();
        assertThat(window).as("%s: the browser window's width", name).isEqualTo(1280);
        assertThat(content)
                .as("%s: document.documentElement.scrollWidth against its clientWidth", name)
                .isLessThanOrEqualTo(viewport);
    }
}
