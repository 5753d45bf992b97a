package io.tensorwasm.ops.web.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveValuesTest {

    @Test
    void printsValuesWithFourSignificantDigits() {
        assertThat(LiveValues.number(42.0)).isEqualTo("42");
        assertThat(LiveValues.number(0.123456)).isEqualTo("0.1235");
        assertThat(LiveValues.number(1500.0)).isEqualTo("1500");
        assertThat(LiveValues.number(0.1)).isEqualTo("0.1");
        assertThat(LiveValues.number(Double.NaN)).isEqualTo("NaN");
    }

    @Test
    void showsALabelledResultAsATableWithOneColumnPerLabel() {
        List<LiveValues.Labelled> series = new ArrayList<>();
        series.add(new LiveValues.Labelled(Map.of("route", "/invoke", "status", "500"), "12"));
        series.add(new LiveValues.Labelled(Map.of("status", "503", "route", "/healthz"), "3"));
        for (int i = 0; i < 8; i++) {
            series.add(new LiveValues.Labelled(Map.of("route", "/r" + i, "status", "502"), "1"));
        }

        RunbookPage.LabelTable table = RunbookView.table(series);

        assertThat(table.columns()).containsExactly("route", "status");
        assertThat(table.rows())
                .hasSize(8)
                .startsWith(List.of("/invoke", "500", "12"), List.of("/healthz", "503", "3"));
        assertThat(table.more()).isEqualTo(2);
        assertThat(RunbookView.table(List.of())).isNull();
    }
}
