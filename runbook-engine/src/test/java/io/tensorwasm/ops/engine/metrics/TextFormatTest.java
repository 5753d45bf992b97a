package io.tensorwasm.ops.engine.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextFormatTest {

    @Test
    void readsSamplesWithLabelsEscapesAndSpecialValues() {
        String text =
                """
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9
                metric_without_timestamp_and_labels 12.47
                something_weird{problem="division by zero"} +Inf -3982045
                """;

        assertThat(TextFormat.parse(text))
                .containsExactly(
                        new Sample(
                                "http_requests_total",
                                Map.of("method", "post", "code", "200"),
                                1027),
                        new Sample(
                                "msdos_file_access_time_seconds",
                                Map.of(
                                        "path",
                                        "C:\\DIR\\FILE.TXT",
                                        "error",
                                        "Cannot find file:\n\"FILE.TXT\""),
                                1.458255915e9),
                        new Sample("metric_without_timestamp_and_labels", Map.of(), 12.47),
                        new Sample(
                                "something_weird",
                                Map.of("problem", "division by zero"),
                                Double.POSITIVE_INFINITY));
    }

    @Test
    void reportsTheLineOfABadValue() {
        assertThatThrownBy(() -> TextFormat.parse("ok 1\nbad{a=\"b\"} twelve\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "line 2: \"bad{a=\"b\"} twelve\": bad value \"twelve\" in the text format");
    }
}
