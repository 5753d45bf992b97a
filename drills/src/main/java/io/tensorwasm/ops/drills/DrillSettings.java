package io.tensorwasm.ops.drills;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.quartz.CronExpression;

/**
 * How a console node runs the readiness drills: their cron schedules, who the paging drill pages,
 * what the disaster-recovery drills read, and the recovery time objective.
 *
 * <pre>{@code
 * DrillSettings settings = DrillSettings.builder()
 *         .schedule("paging", "0 0 10 1 * ?")
 *         .runtimeTokenFile(Path.of("data/runtime-admin-token"))
 *         .build();
 * }</pre>
 *
 * @param node this node's name in the Quartz cluster and in drill records; unique per node
 * @param schedules a Quartz cron expression per drill, or {@code off} for run-now only
 * @param checkin how often the node checks in with the cluster; a silent node is taken over
 * @param alertRules Prometheus rule files whose links the paging drill follows; empty means the
 *     shipped {@code rules/tensor-wasm.rules.yml}
 * @param dashboards Grafana dashboard JSON files those links must point into; empty means the
 *     shipped {@code dashboards/tensor-wasm-overview.json}
 * @param runtimeTokenFile a file holding the runtime's admin token, read at each run
 * @param runtimeAuditLog the runtime's file audit sink, which the smoke test reads
 * @param rto the recovery time objective the rehearsal measures itself against
 * @param consoleUrl the console's public base URL; empty means the address it listens on
 * @param scratch where the rehearsal's scratch runtimes live
 */
public record DrillSettings(
        String node,
        Map<String, String> schedules,
        Duration checkin,
        List<Path> alertRules,
        List<Path> dashboards,
        Optional<Path> runtimeTokenFile,
        Optional<Path> runtimeAuditLog,
        Duration rto,
        Optional<URI> consoleUrl,
        Path scratch) {

    /** The drills every node knows, in the order the console lists them. */
    public static final List<String> DRILLS = List.of("paging", "dr-smoke", "dr-rehearsal");

    /** The word that turns a drill's schedule off, leaving it to run-now. */
    public static final String OFF = "off";

    /**
     * Monthly, on the 1st, one drill an hour apart (the seed asks for the paging check once a
     * month); times are the console's time zone.
     */
    public static final Map<String, String> DEFAULT_SCHEDULES =
            Map.of(
                    "paging", "0 0 10 1 * ?",
                    "dr-smoke", "0 0 11 1 * ?",
                    "dr-rehearsal", "0 0 12 1 * ?");

    /** The recovery time objective of the disaster-recovery runbook. */
    public static final Duration DEFAULT_RTO = Duration.ofHours(4);

    public DrillSettings {
        Objects.requireNonNull(node, "node");
        schedules = validated(schedules);
        Objects.requireNonNull(checkin, "checkin");
        alertRules = List.copyOf(alertRules);
        dashboards = List.copyOf(dashboards);
        Objects.requireNonNull(runtimeTokenFile, "runtimeTokenFile");
        Objects.requireNonNull(runtimeAuditLog, "runtimeAuditLog");
        Objects.requireNonNull(consoleUrl, "consoleUrl");
        Objects.requireNonNull(scratch, "scratch");
        if (node.isBlank() || node.length() > 100) {
            throw new IllegalArgumentException(
                    "\"" + node + "\": a node name is 1 to 100 characters");
        }
        if (checkin.compareTo(Duration.ofMillis(500)) < 0) {
            throw new IllegalArgumentException(
                    checkin + ": the cluster check-in interval is at least 500 ms");
        }
        if (rto.isNegative() || rto.isZero()) {
            throw new IllegalArgumentException(rto + ": the recovery time objective is positive");
        }
    }

    /** The defaults: monthly schedules, the shipped rules and dashboard. */
    public static Builder builder() {
        return new Builder();
    }

    /** Default settings for a node, with its scratch space under the data directory. */
    public static DrillSettings defaults(Path dataDir) {
        return builder().scratch(dataDir.resolve("drills")).build();
    }

    /** This host's name and this process's id: unique per node without configuration. */
    public static String defaultNode() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException ignored) {
            host = "localhost";
        }
        return host + "-" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    private static Map<String, String> validated(Map<String, String> schedules) {
        Map<String, String> all = new LinkedHashMap<>();
        for (String drill : DRILLS) {
            all.put(drill, DEFAULT_SCHEDULES.get(drill));
        }
        for (Map.Entry<String, String> e : schedules.entrySet()) {
            if (!DRILLS.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        e.getKey() + ": no such drill; drills are " + String.join(", ", DRILLS));
            }
            String cron = e.getValue().strip();
            if (!cron.equals(OFF) && !CronExpression.isValidExpression(cron)) {
                throw new IllegalArgumentException(
                        e.getKey()
                                + "="
                                + cron
                                + ": not a Quartz cron expression (seconds minutes hours"
                                + " day-of-month month day-of-week), nor off");
            }
            all.put(e.getKey(), cron);
        }
        return Map.copyOf(all);
    }

    /** Builds {@link DrillSettings}; setters are named after the fields. */
    public static final class Builder {
        private String node;
        private final Map<String, String> schedules = new LinkedHashMap<>();
        private Duration checkin = Duration.ofMillis(7_500);
        private List<Path> alertRules = List.of();
        private List<Path> dashboards = List.of();
        private Path runtimeTokenFile;
        private Path runtimeAuditLog;
        private Duration rto = DEFAULT_RTO;
        private URI consoleUrl;
        private Path scratch = Path.of("data", "drills");

        private Builder() {}

        public Builder node(String node) {
            this.node = node;
            return this;
        }

        /** One drill's cron expression, or {@code off}. */
        public Builder schedule(String drill, String cron) {
            this.schedules.put(drill, cron);
            return this;
        }

        public Builder checkin(Duration checkin) {
            this.checkin = checkin;
            return this;
        }

        public Builder alertRules(List<Path> files) {
            this.alertRules = List.copyOf(files);
            return this;
        }

        public Builder dashboards(List<Path> files) {
            this.dashboards = List.copyOf(files);
            return this;
        }

        public Builder runtimeTokenFile(Path file) {
            this.runtimeTokenFile = file;
            return this;
        }

        public Builder runtimeAuditLog(Path file) {
            this.runtimeAuditLog = file;
            return this;
        }

        public Builder rto(Duration rto) {
            this.rto = rto;
            return this;
        }

        public Builder consoleUrl(URI consoleUrl) {
            this.consoleUrl = consoleUrl;
            return this;
        }

        public Builder scratch(Path scratch) {
            this.scratch = scratch;
            return this;
        }

        public DrillSettings build() {
            return new DrillSettings(
                    node != null ? node : defaultNode(),
                    schedules,
                    checkin,
                    alertRules,
                    dashboards,
                    Optional.ofNullable(runtimeTokenFile),
                    Optional.ofNullable(runtimeAuditLog),
                    rto,
                    Optional.ofNullable(consoleUrl),
                    scratch);
        }
    }
}
