package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Which parts {@code twops start} runs here, as its options and the search path say. */
class PartsTest {

    @TempDir Path bin;

    @Test
    void startsPrometheusAndAlertmanagerHereByDefault() {
        Parts parts = parts();
        assertThat(parts.describe())
                .isEqualTo("the runtime, Prometheus, Alertmanager and the console");
        assertThat(parts.urls().prometheus()).contains(URI.create("http://127.0.0.1:9090"));
        assertThat(parts.urls().alertmanager()).contains(URI.create("http://127.0.0.1:9093"));
        assertThat(parts.urls().console()).isEqualTo(URI.create("http://127.0.0.1:8090"));
        assertThat(parts.missing()).isEmpty();
    }

    @Test
    void usesExternalOnesInsteadOfStartingThem() {
        Parts parts =
                parts(
                        "--prometheus-url", "http://prom.internal:9090",
                        "--alertmanager-url", "https://am.internal/alertmanager");
        assertThat(parts.prometheus()).isEmpty();
        assertThat(parts.alertmanager()).isEmpty();
        assertThat(parts.urls().prometheus()).contains(URI.create("http://prom.internal:9090"));
        assertThat(parts.urls().alertmanager())
                .contains(URI.create("https://am.internal/alertmanager"));
        assertThat(parts.describe()).isEqualTo("the runtime and the console");
    }

    @Test
    void noMonitoringStartsNeitherAndKeepsAGivenUrl() {
        Parts parts = parts("--no-monitoring", "--prometheus-url", "http://prom:9090");
        assertThat(parts.prometheus()).isEmpty();
        assertThat(parts.alertmanager()).isEmpty();
        assertThat(parts.urls().prometheus()).contains(URI.create("http://prom:9090"));
        assertThat(parts.urls().alertmanager()).isEmpty();
        assertThat(parts.whyAbsent()).isEqualTo("--no-monitoring");
        assertThat(parts.missing()).isEmpty();
    }

    @Test
    void aPublicConsoleUrlIsWhatTheRulesLinkTo() {
        assertThat(parts("--console-url", "https://ops.example/").urls().console())
                .isEqualTo(URI.create("https://ops.example/"));
        assertThat(parts("--bind", "0.0.0.0").urls().console())
                .isEqualTo(URI.create("http://127.0.0.1:8090"));
    }

    @Test
    void findsAlertmanagerByItsDebianNameFirstThenItsUpstreamName() throws IOException {
        executable("alertmanager");
        assertThat(Binaries.ALERTMANAGER.locate(bin.toString()))
                .contains(bin.resolve("alertmanager"));
        executable("prometheus-alertmanager");
        assertThat(Binaries.ALERTMANAGER.locate(bin.toString()))
                .contains(bin.resolve("prometheus-alertmanager"));
        assertThat(Binaries.PROMETHEUS.locate(bin.toString())).isEmpty();
        assertThat(Binaries.PROMETHEUS.locate(null)).isEmpty();
    }

    @Test
    void aFileThatCannotRunIsNotTheProgram() throws IOException {
        Files.writeString(bin.resolve("prometheus"), "not a program");
        assertThat(Binaries.PROMETHEUS.locate(bin + ":" + bin.resolve("missing"))).isEmpty();
    }

    @Test
    void saysInOneLineWhatIsMissingAndHowToInstallIt() {
        assertThat(Binaries.PROMETHEUS.missing())
                .isEqualTo(
                        "Prometheus is not installed (prometheus is not on PATH): install it with"
                                + " bin/install-tools prometheus or sudo apt-get install"
                                + " prometheus");
    }

    @Test
    void rejectsAnUnknownAlertProfile() {
        assertThatThrownBy(() -> new AlertProfile.Converter().convert("staging"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"staging\": the alert profile is production or test");
        assertThat(new AlertProfile.Converter().convert("Test")).isEqualTo(AlertProfile.TEST);
    }

    private void executable(String name) throws IOException {
        Files.createFile(
                bin.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    private static Parts parts(String... args) {
        StartCommand start = new StartCommand();
        new CommandLine(start).parseArgs(args);
        return Parts.of(start);
    }
}
