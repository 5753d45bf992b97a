package io.tensorwasm.ops.alerts;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The SLO specification, {@code slo/tensor-wasm.slo.yml}: selectors, thresholds, the objective, the
 * profiles, the recording rules and the alerts that {@link RuleFiles} turns into rules.
 */
public record SloSpec(
        Map<String, String> selectors,
        Map<String, String> thresholds,
        String objective,
        Dashboard dashboard,
        Map<String, Profile> profiles,
        List<RecordSpec> records,
        List<AlertSpec> alerts) {

    /** The classpath location of the specification. */
    public static final String RESOURCE = "/slo/tensor-wasm.slo.yml";

    public SloSpec {
        selectors = Map.copyOf(selectors);
        thresholds = Map.copyOf(thresholds);
        profiles = Map.copyOf(profiles);
        records = List.copyOf(records);
        alerts = List.copyOf(alerts);
    }

    /** Reads the specification shipped with this module. */
    public static SloSpec load() {
        try (InputStream in = SloSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + ": not on the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a specification from YAML; an unknown key is an error. */
    public static SloSpec parse(InputStream yaml) throws IOException {
        return YAMLMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build()
                .readValue(yaml, SloSpec.class);
    }

    /** The profile of that name, or an error that lists the known ones. */
    public Profile profile(String name) {
        Profile profile = profiles.get(name);
        if (profile == null) {
            throw new IllegalArgumentException(
                    name
                            + ": unknown profile; known: "
                            + profiles.keySet().stream().sorted().toList());
        }
        return profile;
    }

    /** The Grafana dashboard that {@code dashboard_url} points into. */
    public record Dashboard(String uid, String slug) {}

    /** How one profile rewrites range durations and {@code for} durations. */
    public record Profile(
            Map<String, String> windows, @JsonProperty("for") Map<String, String> holds) {}

    /** A recording rule, recorded once per window when it has windows. */
    public record RecordSpec(String name, List<String> windows, String expr) {
        public RecordSpec {
            windows = windows == null ? List.of() : List.copyOf(windows);
        }
    }

    /**
     * An alert: the record must exceed {@code above} in every window, or, when {@code expr} is
     * given, that condition holds (and record, windows and above stay unset). A burn-rate alert
     * names its {@code tier} ({@code fast}, {@code slow}, {@code very-slow}), which Alertmanager's
     * inhibition reads.
     */
    public record AlertSpec(
            String name,
            String runbook,
            String severity,
            String slo,
            String tier,
            String scope,
            String record,
            List<String> windows,
            String above,
            String expr,
            @JsonProperty("for") String hold,
            int panel,
            String from,
            String summary,
            String description) {

        public AlertSpec {
            boolean threshold = record != null || windows != null || above != null;
            if (threshold == (expr != null)) {
                throw new IllegalArgumentException(
                        name + ": an alert has either record, windows and above, or an expr");
            }
            windows = windows == null ? List.of() : List.copyOf(windows);
        }
    }
}
