package io.tensorwasm.ops.web;

import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.oncall.OnCallSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the console: where it listens, where its data lives, what it watches.
 *
 * <pre>{@code
 * ConsoleConfig config = ConsoleConfig.builder()
 *         .port(8090)
 *         .dataDir(Path.of("data"))
 *         .runtimeUrl(URI.create("http://127.0.0.1:8080"))
 *         .build();
 * }</pre>
 *
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port the port, 0 for any free one
 * @param dataDir where the embedded database and generated secrets live
 * @param databaseUrl a JDBC URL; empty means an H2 file under {@code dataDir}
 * @param runtimeUrl the runtime the console operates, reached only over HTTP
 * @param prometheusUrl the Prometheus HTTP API, when there is one
 * @param alertmanagerUrl the Alertmanager API, when there is one; the home page lists its alerts
 * @param grafanaUrl the Grafana base URL for deep links
 * @param runbooks folders of runbook pages; empty means the catalogue shipped on the class path
 * @param sessionIdle how long a console session may sit idle
 * @param sessionLifetime how long a console session lasts however busy it is
 * @param secureCookies whether cookies carry {@code Secure} even when the console's URL is not
 *     https (behind a TLS proxy that forwards plain http); with an https URL they always do
 * @param drills how this node runs the readiness drills
 * @param onCall paging and remediation: the rotation file, the approval timeout, the sweep
 * @param slackSigningSecret the file holding the Slack app's signing secret; without it {@code
 *     /hooks/slack/interactions} answers 404
 * @param slackApprovalsUrl the file holding the incoming webhook URL approval requests go to
 */
public record ConsoleConfig(
        String bind,
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        URI runtimeUrl,
        Optional<URI> prometheusUrl,
        Optional<URI> alertmanagerUrl,
        URI grafanaUrl,
        List<Path> runbooks,
        Duration sessionIdle,
        Duration sessionLifetime,
        boolean secureCookies,
        DrillSettings drills,
        OnCallSettings onCall,
        Optional<Path> slackSigningSecret,
        Optional<Path> slackApprovalsUrl) {

    public ConsoleConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(runtimeUrl, "runtimeUrl");
        Objects.requireNonNull(prometheusUrl, "prometheusUrl");
        Objects.requireNonNull(alertmanagerUrl, "alertmanagerUrl");
        Objects.requireNonNull(grafanaUrl, "grafanaUrl");
        runbooks = List.copyOf(runbooks);
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        Objects.requireNonNull(sessionLifetime, "sessionLifetime");
        Objects.requireNonNull(drills, "drills");
        Objects.requireNonNull(onCall, "onCall");
        Objects.requireNonNull(slackSigningSecret, "slackSigningSecret");
        Objects.requireNonNull(slackApprovalsUrl, "slackApprovalsUrl");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(port + ": a port is between 0 and 65535");
        }
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException(
                    sessionLifetime + ": the session lifetime must be positive");
        }
        if (sessionIdle.isNegative() || sessionIdle.isZero()) {
            throw new IllegalArgumentException(
                    sessionIdle + ": the session idle timeout must be positive");
        }
    }

    /**
     * The JDBC URL to use: the configured one, or an H2 file under the data directory. H2 runs in
     * its auto-server mode, so {@code twops token} and {@code twops runbook history} can read the
     * database while the console holds it. H2 refuses {@code DB_CLOSE_ON_EXIT=FALSE} with the
     * auto-server mode, so its exit hook may close the file before the console's own shutdown has
     * finished writing; the shutdown therefore carries on past a failed write.
     */
    public String jdbcUrl() {
        return databaseUrl.orElseGet(
                () ->
                        "jdbc:h2:file:"
                                + dataDir.toAbsolutePath().resolve("console")
                                + ";AUTO_SERVER=TRUE");
    }

    /** The console's URL as people reach it: the configured public URL, else its address. */
    public URI publicUrl() {
        return onCall.publicUrl().orElseGet(() -> URI.create("http://" + bind + ":" + port));
    }

    /** True when the console's cookies carry {@code Secure}: asked for, or an https URL. */
    public boolean cookiesSecure() {
        return secureCookies || "https".equalsIgnoreCase(publicUrl().getScheme());
    }

    /** Starts from the defaults: 127.0.0.1:8090, {@code data/}, runtime on 127.0.0.1:8080. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ConsoleConfig}; setters are named after the fields. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8090;
        private Path dataDir = Path.of("data");
        private String databaseUrl;
        private URI runtimeUrl = URI.create("http://127.0.0.1:8080");
        private URI prometheusUrl;
        private URI alertmanagerUrl;
        private List<Path> runbooks = List.of();
        private URI grafanaUrl = URI.create("http://127.0.0.1:3000");
        private Duration sessionIdle = Duration.ofMinutes(30);
        private Duration sessionLifetime = Duration.ofHours(12);
        private boolean secureCookies;
        private DrillSettings drills;
        private OnCallSettings onCall = OnCallSettings.DEFAULTS;
        private Path slackSigningSecret;
        private Path slackApprovalsUrl;

        private Builder() {}

        public Builder bind(String bind) {
            this.bind = bind;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder databaseUrl(String databaseUrl) {
            this.databaseUrl = databaseUrl;
            return this;
        }

        public Builder runtimeUrl(URI runtimeUrl) {
            this.runtimeUrl = runtimeUrl;
            return this;
        }

        public Builder prometheusUrl(URI prometheusUrl) {
            this.prometheusUrl = prometheusUrl;
            return this;
        }

        public Builder alertmanagerUrl(URI alertmanagerUrl) {
            this.alertmanagerUrl = alertmanagerUrl;
            return this;
        }

        public Builder runbooks(List<Path> folders) {
            this.runbooks = List.copyOf(folders);
            return this;
        }

        public Builder grafanaUrl(URI grafanaUrl) {
            this.grafanaUrl = grafanaUrl;
            return this;
        }

        public Builder sessionIdle(Duration sessionIdle) {
            this.sessionIdle = sessionIdle;
            return this;
        }

        public Builder sessionLifetime(Duration sessionLifetime) {
            this.sessionLifetime = sessionLifetime;
            return this;
        }

        public Builder secureCookies(boolean secureCookies) {
            this.secureCookies = secureCookies;
            return this;
        }

        /** The drills' settings (default: monthly, scratch space under the data directory). */
        public Builder drills(DrillSettings drills) {
            this.drills = drills;
            return this;
        }

        /** Paging and remediation (default: no rotation, {@link OnCallSettings#DEFAULTS}). */
        public Builder onCall(OnCallSettings onCall) {
            this.onCall = onCall;
            return this;
        }

        /** The file holding the Slack app's signing secret (issue #20). */
        public Builder slackSigningSecret(Path file) {
            this.slackSigningSecret = file;
            return this;
        }

        /** The file holding the Slack incoming webhook URL approval requests go to. */
        public Builder slackApprovalsUrl(Path file) {
            this.slackApprovalsUrl = file;
            return this;
        }

        public ConsoleConfig build() {
            return new ConsoleConfig(
                    bind,
                    port,
                    dataDir,
                    Optional.ofNullable(databaseUrl),
                    runtimeUrl,
                    Optional.ofNullable(prometheusUrl),
                    Optional.ofNullable(alertmanagerUrl),
                    grafanaUrl,
                    runbooks,
                    sessionIdle,
                    sessionLifetime,
                    secureCookies,
                    drills != null ? drills : DrillSettings.defaults(dataDir),
                    onCall,
                    Optional.ofNullable(slackSigningSecret),
                    Optional.ofNullable(slackApprovalsUrl));
        }
    }
}
