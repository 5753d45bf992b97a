package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObservedValueTest {

    @Test
    void prefersTheMetricACheckRead() {
        assertThat(
                        ObservedValue.in(
                                "status=200, metric(\"tensor_wasm_invocations_total\", {...})=5.0"))
                .contains(
                        new ObservedValue("metric(\"tensor_wasm_invocations_total\", {...})", 5.0));
    }

    @Test
    void fallsBackToTheValueOfAPromqlStep() {
        assertThat(ObservedValue.in("samples=2, value=0.25"))
                .contains(new ObservedValue("value", 0.25));
    }

    @Test
    void drawsNoStatusOrExitCodeAndNoText() {
        assertThat(ObservedValue.in("status=200, body.status=\"ok\"")).isEmpty();
        assertThat(ObservedValue.in("exit_code=1")).isEmpty();
        assertThat(ObservedValue.in("health.status=\"starting\"")).isEmpty();
        assertThat(ObservedValue.in("GET http://x/healthz: ConnectException")).isEmpty();
        assertThat(ObservedValue.in("")).isEmpty();
    }
}
