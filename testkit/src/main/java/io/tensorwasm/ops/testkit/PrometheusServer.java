package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real Prometheus on 127.0.0.1 with a generated configuration, stopped by {@link #close()}.
 *
 * <pre>{@code
 * try (PrometheusServer prometheus = PrometheusServer.builder()
 *         .scrape("runtime", "127.0.0.1:" + runtimePort)
 *         .ruleFile(Path.of("src/main/resources/rules/slo.yml"))
 *         .start()) {
 *     String json = prometheus.query("tensor_wasm_build_info");
 * }
 * }</pre>
 */
public final class PrometheusServer implements AutoCloseable {

    private final ManagedProcess process;
    private final Path home;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(ManagedProcess process, Path home, int port) {
        this.process = process;
        this.home = home;
        this.port = port;
    }

    /** Starts describing a Prometheus to run. */
    public static Builder builder() {
        return new Builder();
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Its base URI, {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The process, for its log. */
    public ManagedProcess process() {
        return process;
    }

    /** Runs an instant query and returns the API's JSON answer as text. */
    public String query(String promql) {
        return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** GETs a path of the HTTP API and returns the body; a non-2xx answer throws. */
    public String get(String pathAndQuery) {
        HttpRequest request =
                HttpRequest.newBuilder(baseUri().resolve(pathAndQuery))
                        .timeout(Duration.ofSeconds(10))
                        .build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(
                        "prometheus answered "
                                + response.statusCode()
                                + " to "
                                + pathAndQuery
                                + ": "
                                + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.close();
        Scratch.delete(home);
    }

    /** What to scrape and evaluate. */
    public static final class Builder {
        private final Map<String, List<String>> scrapeTargets = new LinkedHashMap<>();
        private final List<Path> ruleFiles = new ArrayList<>();
        private final List<String> alertmanagers = new ArrayList<>();
        private String selfJob;
        private Duration scrapeInterval = Duration.ofSeconds(1);
        private Duration evaluationInterval = Duration.ofSeconds(1);
        private Tools tools = Tools.system();
        private int port;

        private Builder() {}

        /**
         * Listens on this port (default: a free one), for a console that must be told where
         * Prometheus is before Prometheus starts.
         */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Scrapes {@code /metrics} of host:port under the job name. */
        public Builder scrape(String job, String hostPort) {
            scrapeTargets.computeIfAbsent(job, j -> new ArrayList<>()).add(hostPort);
            return this;
        }

        /** Also scrapes Prometheus's own {@code /metrics} under the job name. */
        public Builder scrapeSelf(String job) {
            this.selfJob = job;
            return this;
        }

        /** Loads a rule file (copied into the server's directory). */
        public Builder ruleFile(Path file) {
            ruleFiles.add(file.toAbsolutePath());
            return this;
        }

        /** Sends alerts to an Alertmanager at host:port. */
        public Builder alertmanager(String hostPort) {
            alertmanagers.add(hostPort);
            return this;
        }

        /** How often to scrape (default 1 s). */
        public Builder scrapeInterval(Duration interval) {
            this.scrapeInterval = interval;
            return this;
        }

        /** How often to evaluate rules (default 1 s). */
        public Builder evaluationInterval(Duration interval) {
            this.evaluationInterval = interval;
            return this;
        }

        /** Where to look for the binary (default: the system). */
        public Builder tools(Tools tools) {
            this.tools = tools;
            return this;
        }

        /** Starts Prometheus and waits for {@code /-/ready}. */
        public PrometheusServer start() {
            Path binary = tools.locate(Tool.PROMETHEUS);
            Path home = Scratch.directory("prometheus");
            List<String> rules = copyRules(home);
            int port = this.port > 0 ? this.port : FreePort.next();
            if (selfJob != null) {
                scrape(selfJob, "127.0.0.1:" + port);
            }
            Scratch.write(home.resolve("prometheus.yml"), config(rules));
            ManagedProcess process =
                    ManagedProcess.startServer(
                            "prometheus",
                            List.of(
                                    binary.toString(),
                                    "--config.file=" + home.resolve("prometheus.yml"),
                                    "--storage.tsdb.path=" + home.resolve("data"),
                                    "--web.listen-address=127.0.0.1:" + port,
                                    "--web.enable-lifecycle",
                                    "--log.level=warn"),
                            home,
                            URI.create("http://127.0.0.1:" + port + "/-/ready"));
            PrometheusServer server = new PrometheusServer(process, home, port);
            return server;
        }

        private List<String> copyRules(Path home) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < ruleFiles.size(); i++) {
                Path source = ruleFiles.get(i);
                String name = "rules-" + i + "-" + source.getFileName();
                try {
                    Files.copy(source, home.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot copy rule file " + source, e);
                }
                names.add(name);
            }
            return names;
        }

        private String config(List<String> rules) {
            StringBuilder yaml = new StringBuilder();
            yaml.append("global:\n")
                    .append("  scrape_interval: ")
                    .append(seconds(scrapeInterval))
                    .append('\n')
                    .append("  evaluation_interval: ")
                    .append(seconds(evaluationInterval))
                    .append('\n');
            if (!rules.isEmpty()) {
                yaml.append("rule_files:\n");
                rules.forEach(r -> yaml.append("  - ").append(r).append('\n'));
            }
            if (!alertmanagers.isEmpty()) {
                yaml.append("alerting:\n  alertmanagers:\n    - static_configs:\n")
                        .append("        - targets: ")
                        .append(list(alertmanagers))
                        .append('\n');
            }
            yaml.append("scrape_configs:\n");
            scrapeTargets.forEach(
                    (job, targets) ->
                            yaml.append("  - job_name: ")
                                    .append(job)
                                    .append('\n')
                                    .append("    static_configs:\n")
                                    .append("      - targets: ")
                                    .append(list(targets))
                                    .append('\n'));
            if (scrapeTargets.isEmpty()) {
                yaml.append("  []\n");
            }
            return yaml.toString();
        }

        private static String seconds(Duration d) {
            return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
        }

        private static String list(List<String> items) {
            return "['" + String.join("', '", items) + "']";
        }
    }
}
