package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.oncall.store.PrivateFiles;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Prometheus as a child process of {@code twops start}: it scrapes the runtime as job {@code
 * tensor-wasm}, evaluates the shipped rules and sends what fires to Alertmanager. Its
 * configuration, rules and storage live under {@code DATA_DIR/prometheus}, its log in {@code
 * DATA_DIR/logs/prometheus.log}.
 */
final class PrometheusProcess {

    /** The job name the shipped rules select the runtime by ({@code up{job="tensor-wasm"}}). */
    static final String JOB = "tensor-wasm";

    private PrometheusProcess() {}

    /**
     * What Prometheus watches.
     *
     * @param runtime the runtime's base URL; its {@code /metrics} is scraped
     * @param rules the rule file to evaluate
     * @param interval how often to scrape and evaluate
     * @param alertmanager where firing alerts go, if anywhere
     */
    record Scrape(URI runtime, Path rules, Duration interval, Optional<URI> alertmanager) {}

    /** The rule file's place under the data directory. */
    static Path rulesFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve("prometheus").resolve("tensor-wasm.rules.yml");
    }

    /** The child listening on {@code listen}, with its configuration written under the data dir. */
    static Child child(Path binary, URI listen, Path dataDir, Scrape scrape) {
        Path data = dataDir.toAbsolutePath();
        Path home = PrivateFiles.directory(data.resolve("prometheus"));
        Path config = PrivateFiles.write(home.resolve("prometheus.yml"), config(scrape));
        return Child.prometheusFamily(
                "Prometheus",
                binary,
                listen,
                data,
                config,
                List.of("--storage.tsdb.path=" + home.resolve("tsdb")));
    }

    static String config(Scrape scrape) {
        String seconds = scrape.interval().toSeconds() + "s";
        StringBuilder yaml =
                new StringBuilder("# Written by twops start at every start; edits are lost.\n")
                        .append("global:\n")
                        .append("  scrape_interval: ")
                        .append(seconds)
                        .append("\n  evaluation_interval: ")
                        .append(seconds)
                        .append("\nrule_files:\n  - '")
                        .append(scrape.rules())
                        .append("'\n");
        scrape.alertmanager()
                .ifPresent(
                        am ->
                                yaml.append("alerting:\n  alertmanagers:\n")
                                        .append("    - scheme: ")
                                        .append(am.getScheme())
                                        .append('\n')
                                        .append(pathPrefix(am))
                                        .append("      static_configs:\n")
                                        .append("        - targets: ['")
                                        .append(hostPort(am))
                                        .append("']\n"));
        URI runtime = scrape.runtime();
        yaml.append("scrape_configs:\n")
                .append("  - job_name: ")
                .append(JOB)
                .append("\n    scheme: ")
                .append(runtime.getScheme())
                .append("\n    static_configs:\n")
                .append("      - targets: ['")
                .append(hostPort(runtime))
                .append("']\n");
        return yaml.toString();
    }

    private static String pathPrefix(URI uri) {
        String path = uri.getPath();
        return path == null || path.isEmpty() || path.equals("/")
                ? ""
                : "      path_prefix: '" + path + "'\n";
    }

    private static String hostPort(URI uri) {
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        return uri.getHost() + ":" + port;
    }
}
