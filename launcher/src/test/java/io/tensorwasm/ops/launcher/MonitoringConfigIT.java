package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration {@code twops start} writes for Prometheus and Alertmanager is what their own
 * checkers accept, also in the cases the other tests do not start: an external Alertmanager behind
 * HTTPS and a path, a runtime elsewhere.
 */
class MonitoringConfigIT {

    @TempDir Path data;

    @Test
    void promtoolAcceptsThePrometheusConfigurationWithAnExternalAlertmanager() throws Exception {
        Path rules = PrometheusProcess.rulesFile(data);
        PrivateFiles.directory(rules.getParent());
        PrivateFiles.write(
                rules,
                RuleFiles.generate(
                        "test", BaseUrls.of("https://ops.example", "http://127.0.0.1:3000")));
        String config =
                PrometheusProcess.config(
                        new PrometheusProcess.Scrape(
                                List.of(
                                        URI.create("http://10.0.0.5:8080"),
                                        URI.create("http://10.0.0.6:8080")),
                                rules,
                                Duration.ofSeconds(1),
                                Optional.of(URI.create("https://am.internal/alertmanager"))));
        assertThat(config)
                .contains("    - scheme: https\n      path_prefix: '/alertmanager'\n")
                .contains("        - targets: ['am.internal:443']\n")
                .contains("      - targets: ['10.0.0.5:8080', '10.0.0.6:8080']\n")
                .contains("  scrape_interval: 1s\n");
        Path file = PrivateFiles.write(data.resolve("prometheus.yml"), config);
        String checked =
                exec(
                        List.of(
                                Tools.system().locate(Tool.PROMTOOL).toString(),
                                "check",
                                "config",
                                file.toString()));
        assertThat(checked).contains("SUCCESS: 29 rules found");
    }

    @Test
    void amtoolAcceptsTheAlertmanagerConfiguration() throws Exception {
        Child child =
                AlertmanagerProcess.child(
                        Path.of("/usr/bin/prometheus-alertmanager"),
                        URI.create("http://127.0.0.1:9093"),
                        data,
                        URI.create("http://127.0.0.1:8090/hooks/alertmanager"));
        assertThat(child.url()).isEqualTo(URI.create("http://127.0.0.1:9093"));
        Path config = data.resolve("alertmanager").resolve("alertmanager.yml");
        String checked =
                exec(
                        List.of(
                                Tools.system().locate(Tool.AMTOOL).toString(),
                                "check-config",
                                config.toString()));
        assertThat(checked).contains("SUCCESS").contains(" - 2 receivers");
    }

    private static String exec(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        assertThat(process.exitValue()).as("%s:%n%s", command, output).isZero();
        return output;
    }
}
