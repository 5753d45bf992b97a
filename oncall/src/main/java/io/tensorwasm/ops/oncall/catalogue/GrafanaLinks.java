package io.tensorwasm.ops.oncall.catalogue;

import io.tensorwasm.ops.engine.model.Texts;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Deep links into Grafana: a runbook's dashboard (its front matter {@code dashboard}, a uid or a
 * URL) opened on one panel, over the alert's time range.
 *
 * <pre>{@code
 * GrafanaLinks grafana = new GrafanaLinks(URI.create("http://127.0.0.1:3000"));
 * grafana.panel("tensor-wasm-overview", OptionalInt.of(7), GrafanaLinks.Range.around(startsAt, now));
 * // http://127.0.0.1:3000/d/tensor-wasm-overview?viewPanel=7&from=...&to=...
 * }</pre>
 */
public final class GrafanaLinks {

    /** How long before the alert started the range begins, to show the lead-up. */
    static final Duration LEAD = Duration.ofMinutes(15);

    private final String base;

    /** Links under a Grafana base URL. */
    public GrafanaLinks(URI grafana) {
        this.base = Texts.base(grafana);
    }

    /**
     * The dashboard on a panel (or whole, without one) over the range; empty without a dashboard.
     */
    public String panel(String dashboard, OptionalInt panel, Range range) {
        if (dashboard == null || dashboard.isBlank()) {
            return "";
        }
        String url =
                dashboard.startsWith("http://") || dashboard.startsWith("https://")
                        ? dashboard
                        : base
                                + "/d/"
                                + URLEncoder.encode(dashboard.strip(), StandardCharsets.UTF_8);
        StringBuilder link = new StringBuilder(url).append(url.contains("?") ? '&' : '?');
        panel.ifPresent(id -> link.append("viewPanel=").append(id).append('&'));
        return link.append("from=")
                .append(range.from())
                .append("&to=")
                .append(range.to())
                .toString();
    }

    /**
     * A Grafana time range, as Grafana reads it: epoch milliseconds or relative times.
     *
     * @param from where it starts, such as {@code now-1h} or {@code 1764064800000}
     * @param to where it ends
     */
    public record Range(String from, String to) {

        /** The last hour, when no alert gives a start. */
        public static final Range LAST_HOUR = new Range("now-1h", "now");

        /** From a while before the alert started until now. */
        public static Range around(Instant alertStart, Instant now) {
            return new Range(
                    Long.toString(alertStart.minus(LEAD).toEpochMilli()),
                    Long.toString(now.toEpochMilli()));
        }
    }
}
