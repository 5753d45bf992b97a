package io.tensorwasm.ops.alerts;

import java.net.URI;
import java.util.Objects;

/**
 * Where the generated annotations point: the console that serves runbook pages and the Grafana that
 * serves the dashboard.
 *
 * @param console the console's base URL; {@code runbook_url} is {@code CONSOLE/runbooks/ID}
 * @param grafana Grafana's base URL; {@code dashboard_url} is {@code GRAFANA/d/UID/SLUG?...}
 */
public record BaseUrls(URI console, URI grafana) {

    /** The console on its default port 8090 and Grafana on its default port 3000, on loopback. */
    public static final BaseUrls DEFAULTS =
            new BaseUrls(URI.create("http://127.0.0.1:8090"), URI.create("http://127.0.0.1:3000"));

    public BaseUrls {
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(grafana, "grafana");
        requireBase(console);
        requireBase(grafana);
    }

    /** Parses both URLs, e.g. {@code BaseUrls.of("http://127.0.0.1:41234", "http://grafana")}. */
    public static BaseUrls of(String console, String grafana) {
        return new BaseUrls(URI.create(console), URI.create(grafana));
    }

    String trimmed(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static void requireBase(URI uri) {
        if (!uri.isAbsolute() || uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException(
                    uri + ": a base URL must be absolute, without query or fragment");
        }
    }
}
