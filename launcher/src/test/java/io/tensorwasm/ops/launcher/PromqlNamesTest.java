package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromqlNamesTest {

    @Test
    void findsTheSeriesInsideFunctionsAggregationsAndGroupings() {
        assertThat(
                        PromqlNames.of(
                                "histogram_quantile(0.95, sum by (route, le) (rate(tensor_wasm_http_request_duration_seconds_bucket{route=~\"/functions/.+\"}[5m])))"))
                .containsExactly("tensor_wasm_http_request_duration_seconds_bucket");
        assertThat(
                        PromqlNames.of(
                                "count(count by (version) (count_over_time(tensor_wasm_build_info[2h])))"))
                .containsExactly("tensor_wasm_build_info");
    }

    @Test
    void findsRecordingRulesAndBothSidesOfABinaryOperator() {
        assertThat(
                        PromqlNames.of(
                                "count(tensor_wasm_build_info{version=\"{target_version}\"}) - tensor_wasm:replicas_up:count"))
                .containsExactly("tensor_wasm_build_info", "tensor_wasm:replicas_up:count");
        assertThat(
                        PromqlNames.of(
                                "count(ALERTS{alertname=\"X\",alertstate=\"firing\"}) or vector(0)"))
                .containsExactly("ALERTS");
        assertThat(
                        PromqlNames.of(
                                "up{job=\"tensor-wasm\"} == 0 or absent(up{job=\"tensor-wasm\"})"))
                .containsExactly("up");
    }

    @Test
    void ignoresNumbersDurationsAndKeywords() {
        assertThat(
                        PromqlNames.of(
                                "tensor_wasm:kernel_dispatch_p95:rate5m > 5e-05 and tensor_wasm:kernel_dispatch_p95:rate1h > bool 5e-05"))
                .containsExactly(
                        "tensor_wasm:kernel_dispatch_p95:rate5m",
                        "tensor_wasm:kernel_dispatch_p95:rate1h");
        assertThat(PromqlNames.of("topk(5, sum by (kernel) (rate(x_total[5m] offset 1h)))"))
                .containsExactly("x_total");
    }
}
