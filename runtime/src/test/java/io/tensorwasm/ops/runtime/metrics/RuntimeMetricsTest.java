package io.tensorwasm.ops.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeMetricsTest {

    private final RuntimeMetrics metrics =
            new RuntimeMetrics(
                    new BuildInfo("v0.1.0", "abc1234", "17.0.15", "release", "amd64-linux"),
                    "cpu",
                    List.of("saxpy", "matmul"));

    private String text() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    @Test
    void exposesBuildInfoWithItsLabels() {
        assertThat(text())
                .contains(
                        "tensor_wasm_build_info{git_sha=\"abc1234\",java_version=\"17.0.15\","
                                + "profile=\"release\",target=\"amd64-linux\",version=\"v0.1.0\"} 1");
    }

    @Test
    void countsRequestsByRouteMethodAndStatus() {
        metrics.httpRequest("/healthz", "GET", 200, 300_000);
        metrics.httpRequest("/healthz", "GET", 200, 300_000);
        assertThat(text())
                .contains(
                        "tensor_wasm_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2.0")
                .contains(
                        "tensor_wasm_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"2.5E-4\"} 0")
                .contains(
                        "tensor_wasm_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"5.0E-4\"} 2");
    }

    /** Issue #22: a route's series looked up once count as the per-request lookups did. */
    @Test
    void aRoutesSeriesCountsLikeTheLookupsItReplacesAndShowsNothingBeforeItsFirstRequest() {
        RuntimeMetrics.HttpSeries invoke = metrics.httpSeries("/functions/{id}/invoke", "POST");
        assertThat(text()).doesNotContain("/functions/{id}/invoke");
        invoke.answered(200, 300_000);
        invoke.answered(200, 300_000);
        invoke.answered(404, 300_000);
        metrics.httpRequest("/functions/{id}/invoke", "POST", 200, 300_000);
        assertThat(text())
                .contains(
                        "tensor_wasm_http_requests_total{method=\"POST\",route=\"/functions/{id}/invoke\",status=\"200\"} 3.0")
                .contains(
                        "tensor_wasm_http_requests_total{method=\"POST\",route=\"/functions/{id}/invoke\",status=\"404\"} 1.0")
                .contains(
                        "tensor_wasm_http_request_duration_seconds_count{method=\"POST\",route=\"/functions/{id}/invoke\"} 4");
    }

    @Test
    void durationBucketsResolveOneMillisecondToTenSecondsAndBelow() {
        assertThat(RuntimeMetrics.HTTP_BUCKETS).contains(0.0001, 0.001, 0.01, 0.1, 1, 10);
    }

    @Test
    void startsEveryOutcomeAndTheKernelBackendAtZero() {
        assertThat(text())
                .contains("tensor_wasm_invocations_total{outcome=\"timeout\"} 0.0")
                .contains("tensor_wasm_invocations_total{outcome=\"success\"} 0.0")
                .contains(
                        "tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"saxpy\"} 0.0")
                .contains(
                        "tensor_wasm_kernel_dispatches_total{backend=\"cpu\",kernel=\"matmul\"} 0.0")
                .contains(
                        "tensor_wasm_kernel_dispatch_duration_seconds_bucket{backend=\"cpu\",kernel=\"matmul\",le=\"5.0E-5\"} 0")
                .contains("tensor_wasm_active_instances 0.0")
                .contains("tensor_wasm_jobs_in_flight 0.0");
    }

    @Test
    void tracksActiveInstancesAndJobs() {
        metrics.instanceStarted();
        metrics.jobAccepted();
        metrics.jobAccepted();
        metrics.jobEnded();
        assertThat(text())
                .contains("tensor_wasm_active_instances 1.0")
                .contains("tensor_wasm_jobs_in_flight 1.0");
    }
}
