package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void drawsEstimateAndActualOnOneScale() {
        Timeline timeline =
                Timeline.of(
                        List.of(
                                new Timeline.Line(
                                        1,
                                        "http GET {runtime}/healthz",
                                        Duration.ofSeconds(30),
                                        Duration.ofSeconds(60),
                                        "failed"),
                                new Timeline.Line(
                                        2, "wait 5s", Duration.ofSeconds(15), null, "pending")));

        Timeline.Row late = timeline.rows().get(0);
        assertThat(late.estimateWidth()).isEqualTo(230.0);
        assertThat(late.actualWidth()).isEqualTo(460.0);
        assertThat(late.text()).isEqualTo("est. 30s · took 1m 00s");
        Timeline.Row notRun = timeline.rows().get(1);
        assertThat(notRun.actualWidth()).isZero();
        assertThat(notRun.text()).isEqualTo("est. 15s · not run");
        assertThat(timeline.height()).isEqualTo(80);
    }

    @Test
    void keepsAQuickStepVisibleAndCutsLongLabels() {
        Timeline timeline =
                Timeline.of(
                        List.of(
                                new Timeline.Line(
                                        3,
                                        "promql sum(rate(tensor_wasm_http_requests_total[5m]))",
                                        Duration.ofMinutes(2),
                                        Duration.ofMillis(40),
                                        "passed")));

        assertThat(timeline.rows().get(0).actualWidth()).isEqualTo(2.0);
        assertThat(timeline.rows().get(0).label()).isEqualTo("3  promql sum(rate(tensor_wasm_ht…");
    }
}
