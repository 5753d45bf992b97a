package io.tensorwasm.ops.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.ChromiumBrowser;
import io.tensorwasm.ops.testkit.FreePort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

class ConsoleBrowserIT {

    @TempDir Path data;

    @Test
    void signsInWithTheFirstAdminTokenAndSeesPlatformHealth() throws Exception {
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(data)
                        .runtimeUrl(URI.create("http://127.0.0.1:" + FreePort.next()))
                        .build();
        try (ConsoleServer console = ConsoleServer.start(config);
                ChromiumBrowser browser = ChromiumBrowser.start()) {
            String token = Files.readString(console.adminTokenFile()).strip();
            assertThat(Files.getPosixFilePermissions(console.adminTokenFile()))
                    .extracting(Object::toString)
                    .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
            WebDriver driver = browser.driver();
            String base = "http://127.0.0.1:" + console.port();
            driver.get(base + "/");
            assertThat(driver.getTitle()).isEqualTo("Sign in · TensorWasm Ops");
            browser.signIn(base, token);
            assertThat(driver.getTitle()).isEqualTo("Alerts · TensorWasm Ops");
            assertThat(driver.findElement(By.id("health")).getText())
                    .contains("runtime is not reachable")
                    .contains("database is reachable");
            assertThat(driver.findElement(By.id("runtime-banner")).isDisplayed()).isTrue();
            // The sign-in form posts the token: a GET form would put it in the address bar, the
            // browser's history and every proxy's log.
            assertThat(driver.getCurrentUrl()).doesNotContain(token);
        }
    }
}
