package io.tensorwasm.ops.launcher.drill;

import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.engine.parse.DurationText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/**
 * The readiness-drill options of {@code twops start}: schedules, the files the paging drill checks,
 * what the disaster-recovery drills read, the RTO, and this node's place in the cluster.
 *
 * <pre>{@code
 * twops start --drill-schedule paging='0 0 10 1 * ?' --rotations /etc/twops/rotations.yml \
 *     --dr-rto 4h --db-url jdbc:postgresql://db/console?user=twops --node console-a
 * }</pre>
 */
public final class DrillOptions {

    @Option(
            names = "--drill-schedule",
            paramLabel = "DRILL=CRON",
            description =
                    "A drill's Quartz cron schedule (seconds minutes hours day month weekday), or"
                            + " DRILL=off for run-now only; repeatable. Defaults: paging='0 0 10 1"
                            + " * ?', dr-smoke='0 0 11 1 * ?', dr-rehearsal='0 0 12 1 * ?' (monthly,"
                            + " on the 1st).")
    Map<String, String> schedules = new LinkedHashMap<>();

    @Option(
            names = "--alert-rules",
            paramLabel = "FILE",
            description =
                    "Prometheus rule file whose runbook_url and dashboard_url the paging drill"
                            + " follows; repeatable (default: the rule file of the Prometheus"
                            + " twops start runs, else the shipped rules).")
    List<Path> alertRules = new ArrayList<>();

    @Option(
            names = "--dashboard",
            paramLabel = "FILE",
            description =
                    "Grafana dashboard JSON those links must point into; repeatable (default: the"
                            + " shipped dashboard).")
    List<Path> dashboards = new ArrayList<>();

    @Option(
            names = "--runtime-token-file",
            paramLabel = "FILE",
            description =
                    "File holding the runtime's admin token, which runbook steps calling"
                            + " {runtime} and the smoke test's deploy send (default, with a local"
                            + " runtime: DATA_DIR/runtime-admin-token).")
    Path runtimeTokenFile;

    @Option(
            names = "--runtime-audit-log",
            paramLabel = "FILE",
            description =
                    "The runtime's file audit sink, which the smoke test reads (default, with a"
                            + " local runtime: DATA_DIR/runtime/audit.log).")
    Path runtimeAuditLog;

    @Option(
            names = "--dr-rto",
            paramLabel = "DURATION",
            defaultValue = "4h",
            converter = DurationConverter.class,
            description =
                    "Recovery time objective the rehearsal measures against (default:"
                            + " ${DEFAULT-VALUE}).")
    Duration rto;

    @Option(
            names = "--console-url",
            paramLabel = "URL",
            description =
                    "The console's public base URL, for links in pages and the runbook_url check"
                            + " (default: the address it listens on).")
    URI consoleUrl;

    @Option(
            names = "--node",
            paramLabel = "NAME",
            description = "This node's name in the drill cluster (default: HOST-PID).")
    String node;

    @Option(
            names = "--cluster-checkin",
            paramLabel = "DURATION",
            defaultValue = "7500ms",
            converter = DurationConverter.class,
            description =
                    "How often the node checks in with the drill cluster; a node silent for longer"
                            + " has its triggers taken over (default: ${DEFAULT-VALUE}).")
    Duration checkin;

    /**
     * The settings, with defaults that follow a local runtime under the data directory. The
     * rotation is paging's ({@code --rotations}): one per process.
     */
    public DrillSettings settings(Path dataDir, boolean localRuntime) {
        return settings(dataDir, localRuntime, null);
    }

    /**
     * As {@link #settings(Path, boolean)}, the paging drill following the rule file that {@code
     * twops start}'s own Prometheus loads unless {@code --alert-rules} names others.
     *
     * @param loadedRules the rule file Prometheus loads; null for the shipped one
     */
    public DrillSettings settings(Path dataDir, boolean localRuntime, Path loadedRules) {
        DrillSettings.Builder b =
                DrillSettings.builder()
                        .checkin(checkin)
                        .rto(rto)
                        .alertRules(
                                alertRules.isEmpty() && loadedRules != null
                                        ? List.of(loadedRules)
                                        : alertRules)
                        .dashboards(dashboards)
                        .scratch(dataDir.toAbsolutePath().resolve("drills"));
        schedules.forEach(b::schedule);
        if (node != null) {
            b.node(node);
        }
        if (consoleUrl != null) {
            b.consoleUrl(consoleUrl);
        }
        Path data = dataDir.toAbsolutePath();
        if (runtimeTokenFile != null || localRuntime) {
            b.runtimeTokenFile(
                    runtimeTokenFile != null
                            ? runtimeTokenFile
                            : data.resolve("runtime-admin-token"));
        }
        if (runtimeAuditLog != null || localRuntime) {
            b.runtimeAuditLog(
                    runtimeAuditLog != null ? runtimeAuditLog : data.resolve("runtime/audit.log"));
        }
        return b.build();
    }

    /** The rule files of {@code --alert-rules}; empty when none were named. */
    public List<Path> alertRules() {
        return List.copyOf(alertRules);
    }

    /** The console's public base URL of {@code --console-url}, or null for its listen address. */
    public URI consoleUrl() {
        return consoleUrl;
    }

    /** The runtime token file of {@code --runtime-token-file}, or null for the default. */
    public Path runtimeTokenFile() {
        return runtimeTokenFile;
    }

    /** Reads {@code 4h}, {@code 30m}, {@code 7500ms} as the runbooks write durations. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return DurationText.parse(value);
        }
    }
}
