package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingToolTest {

    @TempDir Path empty;

    @Test
    void missingPrometheusNamesItsPackage() {
        assertThatThrownBy(() -> PrometheusServer.builder().tools(Tools.in(empty)).start())
                .isInstanceOf(MissingToolException.class)
                .hasMessage(
                        "prometheus: not found in "
                                + empty
                                + "; install the Debian package \"prometheus\" (apt-get install -y"
                                + " prometheus), or run the README's test command, which installs it");
    }

    @Test
    void missingChromedriverNamesChromiumDriver() {
        Tools tools = Tools.in(empty);
        assertThatThrownBy(() -> tools.locate(Tool.CHROMEDRIVER))
                .isInstanceOf(MissingToolException.class)
                .hasMessageStartingWith("chromedriver: not found in " + empty)
                .hasMessageContaining("install the Debian package \"chromium-driver\"");
    }

    @Test
    void missingPostgresFailsBeforeCreatingAnything() {
        assertThatThrownBy(() -> PostgresServer.start(Tools.in(empty)))
                .isInstanceOf(MissingToolException.class)
                .hasMessageStartingWith("initdb: not found in " + empty)
                .hasMessageContaining("\"postgresql\"");
    }

    @Test
    void missingAlertmanagerNamesItsPackage() {
        assertThatThrownBy(() -> AlertmanagerServer.start("route: {}", Tools.in(empty)))
                .isInstanceOf(MissingToolException.class)
                .hasMessageContaining("\"prometheus-alertmanager\"");
    }
}
