package io.tensorwasm.ops.runtime.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The runtime's metrics, named as the seed runbooks, alert rules and dashboards query them. Each
 * server has its own registry, so tests can run several servers in one JVM.
 *
 * <pre>
 * tensor_wasm_http_requests_total{route="/functions/{id}/invoke",method="POST",status="200"} 3
 * tensor_wasm_http_request_duration_seconds_bucket{route="/healthz",method="GET",le="0.0005"} 1
 * tensor_wasm_build_info{version="v0.1.0",git_sha="unknown",java_version="17.0.15",profile="release",target="amd64-linux"} 1
 * tensor_wasm_active_instances 0
 * tensor_wasm_jobs_in_flight 0
 * tensor_wasm_invocations_total{outcome="success"} 3
 * tensor_wasm_kernel_dispatches_total{backend="cpu",kernel="matmul"} 0
 * tensor_wasm_kernel_dispatch_duration_seconds_bucket{backend="cpu",kernel="matmul",le="5.0E-5"} 0
 * </pre>
 *
 * <p>{@code outcome} is one of {@link #OUTCOMES}; {@code route} is the route template, or {@code
 * unmatched} for paths no route serves, so the label set stays small. The kernel series exist for
 * the configured backend and every kernel from the start, before any dispatch, because the alert
 * rules and dashboards query them.
 */
public final class RuntimeMetrics {

    public static final String HTTP_REQUESTS_TOTAL = "tensor_wasm_http_requests_total";
    public static final String HTTP_REQUEST_DURATION_SECONDS =
            "tensor_wasm_http_request_duration_seconds";
    public static final String BUILD_INFO = "tensor_wasm_build_info";
    public static final String ACTIVE_INSTANCES = "tensor_wasm_active_instances";
    public static final String JOBS_IN_FLIGHT = "tensor_wasm_jobs_in_flight";
    public static final String INVOCATIONS_TOTAL = "tensor_wasm_invocations_total";
    public static final String KERNEL_DISPATCHES_TOTAL = "tensor_wasm_kernel_dispatches_total";
    public static final String KERNEL_DISPATCH_DURATION_SECONDS =
            "tensor_wasm_kernel_dispatch_duration_seconds";

    /** The values of {@code outcome} on {@value #INVOCATIONS_TOTAL}. */
    public static final List<String> OUTCOMES =
            List.of("success", "trap", "timeout", "rejected", "error");

    /**
     * Fine buckets below 1 ms resolve {@code /healthz} against its 10 ms objective (seed 000,
     * healthz-slow); the rest resolve 1 ms to 10 s for invokes.
     */
    static final double[] HTTP_BUCKETS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
        10
    };

    /**
     * The dispatch-latency alert fires at a P95 above 50 us (seed 000): buckets from 1 us to 10 ms
     * (issue #10), with an edge at exactly 50 us and neighbours close enough on both sides that
     * histogram_quantile places a P95 near the objective within a few microseconds.
     */
    static final double[] KERNEL_BUCKETS = {
        0.000001, 0.0000025, 0.000005, 0.00001, 0.00002, 0.00003, 0.00004, 0.00005, 0.00006,
        0.00008, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter httpRequests;
    private final Histogram httpDuration;
    private final Gauge activeInstances;
    private final Gauge jobsInFlight;
    private final Counter invocations;
    private final Counter kernelDispatches;
    private final Histogram kernelDuration;
    private final Map<String, CounterDataPoint> outcomes;

    /**
     * The runtime's series, with the kernel series started at 0 for each kernel on the backend.
     *
     * @param kernelBackend the {@code backend} label of the kernel series
     * @param kernels the {@code kernel} label values
     */
    public RuntimeMetrics(BuildInfo build, String kernelBackend, List<String> kernels) {
        httpRequests =
                counter(
                        HTTP_REQUESTS_TOTAL,
                        "HTTP requests answered, by route template, method and status.",
                        "route",
                        "method",
                        "status");
        httpDuration =
                histogram(
                        HTTP_REQUEST_DURATION_SECONDS,
                        "Time from request to the end of the response, by route template.",
                        HTTP_BUCKETS,
                        "route",
                        "method");
        activeInstances = gauge(ACTIVE_INSTANCES, "Wasm instances executing right now.");
        jobsInFlight = gauge(JOBS_IN_FLIGHT, "Async jobs pending or running.");
        invocations =
                counter(
                        INVOCATIONS_TOTAL,
                        "Invocations by outcome: success, trap, timeout, rejected, error.",
                        "outcome");
        kernelDispatches =
                counter(
                        KERNEL_DISPATCHES_TOTAL,
                        "Kernel dispatches from guests, by backend and kernel.",
                        "backend",
                        "kernel");
        kernelDuration =
                histogram(
                        KERNEL_DISPATCH_DURATION_SECONDS,
                        "Time from a guest's kernel call to the kernel's start, by backend and"
                                + " kernel.",
                        KERNEL_BUCKETS,
                        "backend",
                        "kernel");
        // Series that exist from the start read 0 instead of missing, so rate() and observe
        // work before the first event.
        outcomes =
                OUTCOMES.stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        outcome -> outcome, invocations::labelValues));
        for (String kernel : kernels) {
            kernelDispatches.initLabelValues(kernelBackend, kernel);
            kernelDuration.initLabelValues(kernelBackend, kernel);
        }
        Info.builder()
                .name(BUILD_INFO)
                .help("The running build; the value is always 1, the payload is the labels.")
                .labelNames("version", "git_sha", "java_version", "profile", "target")
                .register(registry)
                .setLabelValues(
                        build.version(),
                        build.gitSha(),
                        build.javaVersion(),
                        build.profile(),
                        build.target());
    }

    private Counter counter(String name, String help, String... labels) {
        return Counter.builder().name(name).help(help).labelNames(labels).register(registry);
    }

    private Gauge gauge(String name, String help) {
        return Gauge.builder().name(name).help(help).register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return Histogram.builder()
                .name(name)
                .help(help)
                .labelNames(labels)
                .classicOnly()
                .classicUpperBounds(buckets)
                .register(registry);
    }

    /** Records one answered HTTP request. */
    public void httpRequest(String route, String method, int status, long nanos) {
        httpRequests.labelValues(route, method, Integer.toString(status)).inc();
        httpDuration.labelValues(route, method).observe(nanos / 1e9);
    }

    /**
     * The HTTP series of one route and method, whose data points are looked up once each rather
     * than at every request (issue #22: the label lookups were a tenth of an invoke's work on the
     * event loop). Nothing is created before the first request, so the exposition is unchanged.
     */
    public HttpSeries httpSeries(String route, String method) {
        return new HttpSeries(route, method);
    }

    /** The request counters by status and the duration histogram of one route and method. */
    public final class HttpSeries {

        private final String route;
        private final String method;
        private final Map<Integer, CounterDataPoint> byStatus = new ConcurrentHashMap<>();
        private volatile DistributionDataPoint duration;

        private HttpSeries(String route, String method) {
            this.route = route;
            this.method = method;
        }

        /** Records one answered request, as {@link RuntimeMetrics#httpRequest} does. */
        public void answered(int status, long nanos) {
            byStatus.computeIfAbsent(
                            status,
                            s -> httpRequests.labelValues(route, method, Integer.toString(s)))
                    .inc();
            DistributionDataPoint d = duration;
            if (d == null) {
                // Racing threads get the same data point from the histogram.
                d = httpDuration.labelValues(route, method);
                duration = d;
            }
            d.observe(nanos / 1e9);
        }
    }

    /** Marks an instance as started; pair with {@link #instanceEnded()}. */
    public void instanceStarted() {
        activeInstances.inc();
    }

    /** Marks an instance as ended. */
    public void instanceEnded() {
        activeInstances.dec();
    }

    /** Marks an async job as accepted; pair with {@link #jobEnded()}. */
    public void jobAccepted() {
        jobsInFlight.inc();
    }

    /** Marks an async job as finished. */
    public void jobEnded() {
        jobsInFlight.dec();
    }

    /** Counts one invocation with an outcome from {@link #OUTCOMES}. */
    public void invocation(String outcome) {
        CounterDataPoint counter = outcomes.get(outcome);
        (counter == null ? invocations.labelValues(outcome) : counter).inc();
    }

    /** The kernel series of one backend and kernel, looked up once instead of per dispatch. */
    public KernelSeries kernelSeries(String backend, String kernel) {
        return new KernelSeries(
                kernelDispatches.labelValues(backend, kernel),
                kernelDuration.labelValues(backend, kernel));
    }

    /** The dispatch counter and duration histogram of one backend and kernel. */
    public record KernelSeries(CounterDataPoint dispatches, DistributionDataPoint duration) {

        /** Records one dispatch and the time from the guest's call to the kernel's start. */
        public void dispatched(long nanos) {
            dispatches.inc();
            duration.observe(nanos / 1e9);
        }
    }

    /** The registry, for collectors a later issue adds. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every series. */
    public byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the metrics exposition", e);
        }
        return out.toByteArray();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }
}
