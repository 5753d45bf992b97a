package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.HasCdp;

/** Full-page screenshots for the README, saved to {@code docs/screenshots/NAME.png}. */
final class Screenshots {

    static final Path DIR =
            Path.of("").toAbsolutePath().getParent().resolve("docs").resolve("screenshots");

    private Screenshots() {}

    /** The whole page, cut at 2600 CSS pixels, as Chromium renders it. */
    @SuppressWarnings("unchecked")
    static Path save(WebDriver driver, String name) throws IOException {
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
}
