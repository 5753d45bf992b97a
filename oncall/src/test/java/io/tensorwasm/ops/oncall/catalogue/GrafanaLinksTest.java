package io.tensorwasm.ops.oncall.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class GrafanaLinksTest {

    private final GrafanaLinks grafana = new GrafanaLinks(URI.create("http://grafana:3000/"));

    @Test
    void opensTheDashboardOnThePanelFromBeforeTheAlertUntilNow() {
        Instant start = Instant.parse("2026-11-25T10:15:00Z");
        Instant now = Instant.parse("2026-11-25T10:40:00Z");

        assertThat(
                        grafana.panel(
                                "tensor-wasm-overview",
                                OptionalInt.of(7),
                                GrafanaLinks.Range.around(start, now)))
                .isEqualTo(
                        "http://grafana:3000/d/tensor-wasm-overview?viewPanel=7&from="
                                + Instant.parse("2026-11-25T10:00:00Z").toEpochMilli()
                                + "&to="
                                + now.toEpochMilli());
    }

    @Test
    void keepsADashboardGivenAsAUrlAndTheLastHourWithoutAnAlert() {
        assertThat(
                        grafana.panel(
                                "https://g.example/d/abc?orgId=1",
                                OptionalInt.empty(),
                                GrafanaLinks.Range.LAST_HOUR))
                .isEqualTo("https://g.example/d/abc?orgId=1&from=now-1h&to=now");
        assertThat(grafana.panel("", OptionalInt.of(3), GrafanaLinks.Range.LAST_HOUR)).isEmpty();
    }
}
