package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Texts;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How drills reach this console node and link to it: its base URL (known once it listens), the
 * viewer token it issued itself for the paging drill's link checks (in memory only), and Grafana.
 */
final class ConsoleLink {

    private final URI grafana;
    private volatile URI base;
    private volatile String token;

    ConsoleLink(URI grafana) {
        this.grafana = grafana;
    }

    /** Sets the base URL and the probe token, once the console listens. */
    void listening(URI baseUrl, String probeToken) {
        this.base = URI.create(Texts.base(baseUrl));
        this.token = probeToken;
    }

    /** The console's base URL, without a trailing slash. */
    URI base() {
        return Objects.requireNonNull(base, "the console is not listening yet");
    }

    /** A page of the console. */
    URI page(String path) {
        return URI.create(base() + path);
    }

    /** Grafana's base URL. */
    URI grafana() {
        return grafana;
    }

    /**
     * The probe token for a URL on this console, and nothing for any other host: a rule file that
     * points elsewhere must not collect our token.
     */
    Optional<String> tokenFor(URI url) {
        URI own = base();
        boolean same =
                Objects.equals(own.getScheme(), url.getScheme())
                        && Objects.equals(own.getHost(), url.getHost())
                        && own.getPort() == url.getPort();
        return same ? Optional.ofNullable(token) : Optional.empty();
    }
}
