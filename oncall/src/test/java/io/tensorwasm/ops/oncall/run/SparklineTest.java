package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SparklineTest {

    @Test
    void scalesValuesBetweenTheirLeastAndGreatest() {
        Sparkline line = Sparkline.of("value", List.of(0.0, 5.0, 10.0));

        assertThat(line.points()).isEqualTo("3.0,37.0 120.0,20.0 237.0,3.0");
        assertThat(line.values()).isEqualTo("0,5,10");
        assertThat(line.last()).isEqualTo("10");
        assertThat(line.least()).isEqualTo("0");
        assertThat(line.greatest()).isEqualTo("10");
        assertThat(line.lastX() + "," + line.lastY()).isEqualTo("237.0,3.0");
    }

    @Test
    void drawsAFlatLineThroughTheMiddleWhenNothingChanges() {
        assertThat(Sparkline.of("value", List.of(2.5, 2.5)).points())
                .isEqualTo("3.0,20.0 237.0,20.0");
        assertThat(Sparkline.of("value", List.of(7.0)).points()).isEqualTo("120.0,20.0");
    }
}
