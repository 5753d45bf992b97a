package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class MetricsTextTest {

    private static final String BEFORE =
            """
            # HELP tensor_wasm_http_requests_total HTTP requests answered.
            # TYPE tensor_wasm_http_requests_total counter
            tensor_wasm_http_requests_total{method="GET",route="/healthz",status="200"} 10.0
            tensor_wasm_http_requests_total{method="POST",route="/functions/{id}/invoke",status="504"} 0.0
            tensor_wasm_active_instances 0.0
            """;

    private static final String AFTER =
            """
            tensor_wasm_http_requests_total{method="GET",route="/healthz",status="200"} 16.0
            tensor_wasm_http_requests_total{method="POST",route="/functions/{id}/invoke",status="504"} 2.0
            tensor_wasm_active_instances 3.0
            tensor_wasm_jobs_in_flight 1.0
            tensor_wasm_kernel_dispatches_total{backend="cpu"} 4.0
            tensor_wasm_build_info{git_sha="unknown",version="v0.1.0"} 1
            """;

    @Test
    void sumsSamplesByNameAndLabels() {
        MetricsText text = MetricsText.parse(AFTER);
        assertThat(text.sum("tensor_wasm_http_requests_total")).isEqualTo(18.0);
        assertThat(
                        text.sum(
                                "tensor_wasm_http_requests_total",
                                l -> l.getOrDefault("status", "").startsWith("5")))
                .isEqualTo(2.0);
        assertThat(text.sum("tensor_wasm_missing")).isZero();
        assertThat(text.labelsOf("tensor_wasm_build_info")).containsEntry("version", "v0.1.0");
    }

    @Test
    void readingTakesRatesOverTheWindow() {
        ObserveCommand.Reading reading =
                ObserveCommand.Reading.of(
                        URI.create("http://127.0.0.1:8080"),
                        MetricsText.parse(BEFORE),
                        MetricsText.parse(AFTER),
                        2);
        assertThat(reading.requestRate()).isEqualTo(4.0);
        assertThat(reading.errorRatio()).isEqualTo(0.25);
        assertThat(reading.activeInstances()).isEqualTo(3.0);
        assertThat(reading.jobsInFlight()).isEqualTo(1.0);
        assertThat(reading.kernelDispatches()).isEqualTo(4.0);
        assertThat(reading.table())
                .contains("active_instances         3")
                .contains("jobs_in_flight           1")
                .contains("kernel_dispatches_total  4")
                .contains("request_rate             4.00 req/s")
                .contains("error_ratio              0.2500");
        assertThat(reading.json())
                .startsWith("{\"server\":\"http://127.0.0.1:8080\",\"time\":\"")
                .endsWith(
                        "\"version\":\"v0.1.0\",\"active_instances\":3,\"jobs_in_flight\":1,"
                                + "\"kernel_dispatches_total\":4,\"request_rate\":4.0000,"
                                + "\"error_ratio\":0.2500}");
    }
}
