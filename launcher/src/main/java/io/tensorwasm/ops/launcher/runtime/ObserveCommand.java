package io.tensorwasm.ops.launcher.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm observe}: the operator's one-screen view of a runtime, read from its {@code
 * /metrics}. Rates come from two scrapes one window apart.
 *
 * <pre>{@code
 * tensor-wasm observe --server http://localhost:8080 --once
 * # active_instances         0
 * # jobs_in_flight           0
 * # kernel_dispatches_total  0
 * # request_rate             2.00 req/s
 * # error_ratio              0.0000
 * }</pre>
 */
@Command(
        name = "observe",
        mixinStandardHelpOptions = true,
        description = {
            "Shows active_instances, jobs_in_flight, kernel_dispatches_total, the request rate and"
                    + " the error ratio (5xx share) of a runtime, from its /metrics.",
            "Without --once it refreshes every window until Ctrl-C."
        })
final class ObserveCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin RuntimeClient runtime = new RuntimeClient();

    @Option(names = "--once", description = "Print one reading and exit.")
    boolean once;

    @Option(names = "--json", description = "Print each reading as one JSON line.")
    boolean json;

    @Option(
            names = "--window",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description =
                    "Seconds between the two scrapes a rate is taken over (default ${DEFAULT-VALUE}).")
    double windowSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        MetricsText before = scrape();
        do {
            Thread.sleep((long) (windowSeconds * 1000));
            MetricsText after = scrape();
            Reading reading = Reading.of(runtime.server, before, after, windowSeconds);
            out.println(json ? reading.json() : reading.table());
            out.flush();
            before = after;
        } while (!once);
        return 0;
    }

    private MetricsText scrape() throws IOException, InterruptedException {
        HttpResponse<String> response =
                runtime.send(
                        runtime.request("/metrics", Duration.ofSeconds(10)),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(runtime.server + "/metrics answered " + response.statusCode());
        }
        return MetricsText.parse(response.body());
    }

    /** One reading: gauges from the second scrape, rates over the window. */
    record Reading(
            URI server,
            Instant time,
            String version,
            double activeInstances,
            double jobsInFlight,
            double kernelDispatches,
            double requestRate,
            double errorRatio) {

        /** The route of Prometheus's and observe's own reads. */
        static final String SCRAPES = "/metrics";

        static Reading of(URI server, MetricsText before, MetricsText after, double seconds) {
            String requests = "tensor_wasm_http_requests_total";
            // Scrapes of /metrics, this command's own among them, are no traffic.
            Predicate<Map<String, String>> traffic = l -> !SCRAPES.equals(l.get("route"));
            Predicate<Map<String, String>> failed =
                    traffic.and(l -> l.getOrDefault("status", "").startsWith("5"));
            double total = after.sum(requests, traffic) - before.sum(requests, traffic);
            double errors = after.sum(requests, failed) - before.sum(requests, failed);
            return new Reading(
                    server,
                    Instant.now(),
                    after.labelsOf("tensor_wasm_build_info").getOrDefault("version", "unknown"),
                    after.sum("tensor_wasm_active_instances"),
                    after.sum("tensor_wasm_jobs_in_flight"),
                    after.sum("tensor_wasm_kernel_dispatches_total"),
                    total / seconds,
                    total > 0 ? errors / total : 0);
        }

        String table() {
            return String.format(
                    Locale.ROOT,
                    "tensor-wasm %s at %s (%s)%n"
                            + "active_instances         %.0f%n"
                            + "jobs_in_flight           %.0f%n"
                            + "kernel_dispatches_total  %.0f%n"
                            + "request_rate             %.2f req/s%n"
                            + "error_ratio              %.4f",
                    server,
                    time,
                    version,
                    activeInstances,
                    jobsInFlight,
                    kernelDispatches,
                    requestRate,
                    errorRatio);
        }

        String json() {
            return String.format(
                    Locale.ROOT,
                    "{\"server\":\"%s\",\"time\":\"%s\",\"version\":\"%s\",\"active_instances\":%.0f,"
                            + "\"jobs_in_flight\":%.0f,\"kernel_dispatches_total\":%.0f,"
                            + "\"request_rate\":%.4f,\"error_ratio\":%.4f}",
                    escape(server.toString()),
                    time,
                    escape(version),
                    activeInstances,
                    jobsInFlight,
                    kernelDispatches,
                    requestRate,
                    errorRatio);
        }

        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("\"", "\\\"");
        }
    }
}
