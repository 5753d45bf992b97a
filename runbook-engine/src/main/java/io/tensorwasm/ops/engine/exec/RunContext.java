package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.target.TargetAdapter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a run needs from its environment: placeholder values such as {@code {runtime}}, the
 * metric source, target adapters, the person, the pager, the listener and the store.
 *
 * <pre>{@code
 * RunContext context = RunContext.builder()
 *         .variable("runtime", "http://127.0.0.1:8080")
 *         .runtimeToken(adminToken)
 *         .target("runtime", localRuntime)
 *         .approvals(terminal)
 *         .store(store)
 *         .build();
 * ExecutionReport report = new Executor(context).run(runbook, RunRequest.interactive("alice"));
 * }</pre>
 */
public final class RunContext {

    private final Map<String, String> variables;
    private final MetricSource metrics;
    private final Map<String, TargetAdapter> targets;
    private final Approvals approvals;
    private final ExecutionListener listener;
    private final Pager pager;
    private final ExecutionStore store;
    private final Allowlist allowlist;
    private final Map<String, List<String>> cliTools;
    private final Duration pollInterval;
    private final Duration heartbeatEvery;
    private final String healthPath;
    private final Function<String, Optional<Runbook>> catalog;
    private final Clock clock;
    private final String runtimeToken;
    private final Redactor redactor;
    private final double pace;

    private RunContext(Builder b) {
        this.variables = Map.copyOf(b.variables);
        this.targets = Map.copyOf(b.targets);
        List<String> secrets = new ArrayList<>(b.secrets);
        secrets.add(b.runtimeToken);
        this.redactor = Redactor.of(secrets);
        // Every question, poll, result and page leaves the engine through these (issue #16).
        this.approvals = Redacting.approvals(b.approvals, redactor);
        this.listener = Redacting.listener(b.listener, redactor);
        this.pager = Redacting.pager(b.pager, redactor);
        this.store = Objects.requireNonNull(b.store, "store: every execution is recorded");
        this.allowlist = b.allowlist != null ? b.allowlist : AllowlistFile.inForce();
        this.cliTools = Map.copyOf(b.cliTools);
        this.pollInterval = b.pollInterval;
        this.heartbeatEvery = b.heartbeatEvery;
        this.healthPath = b.healthPath;
        this.catalog = b.catalog;
        this.clock = b.clock;
        this.runtimeToken = b.runtimeToken;
        this.pace = b.pace;
        this.metrics =
                b.metrics != null
                        ? b.metrics
                        : MetricSource.scrape(
                                URI.create(
                                        variables.getOrDefault("runtime", "http://127.0.0.1:8080")
                                                + "/metrics"));
    }

    /** Starts describing a context. */
    public static Builder builder() {
        return new Builder();
    }

    /** Placeholder values. */
    public Map<String, String> variables() {
        return variables;
    }

    /** Where metrics come from. */
    public MetricSource metrics() {
        return metrics;
    }

    /** Target adapters by name. */
    public Map<String, TargetAdapter> targets() {
        return targets;
    }

    /** The person, asked only redacted questions. */
    public Approvals approvals() {
        return approvals;
    }

    /** The listener, told only redacted values. */
    public ExecutionListener listener() {
        return listener;
    }

    /** The pager, sent only redacted pages. */
    public Pager pager() {
        return pager;
    }

    /** The store. */
    public ExecutionStore store() {
        return store;
    }

    /**
     * What {@code shell} and {@code cli} steps may run: the allowlist in force (the file {@code
     * TWOPS_ALLOWLIST} names, else the read-only defaults) unless the run was given another.
     */
    public Allowlist allowlist() {
        return allowlist;
    }

    /** Commands for {@code cli} tools by name. */
    public Map<String, List<String>> cliTools() {
        return cliTools;
    }

    /** How often a {@code within} check is polled. */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** How often a running execution tells the store it is alive. */
    public Duration heartbeatEvery() {
        return heartbeatEvery;
    }

    /** The path of the health JSON under {@code {runtime}}. */
    public String healthPath() {
        return healthPath;
    }

    /** Finds runbooks by id, for {@code decide} answers that lead to another runbook. */
    public Function<String, Optional<Runbook>> catalog() {
        return catalog;
    }

    /** The clock. */
    public Clock clock() {
        return clock;
    }

    /** The share of a {@code wait} step's or an {@code after} delay's length the run sleeps. */
    public double pace() {
        return pace;
    }

    /** The runtime's bearer token, for actions addressed to the runtime's origin only. */
    Optional<String> runtimeToken() {
        return runtimeToken.isEmpty() ? Optional.empty() : Optional.of(runtimeToken);
    }

    /** The runtime's base URL, {@code {runtime}}, when the run has one. */
    Optional<String> runtime() {
        String runtime = variables.getOrDefault("runtime", "");
        return runtime.isBlank() ? Optional.empty() : Optional.of(runtime);
    }

    /**
     * True when a URL has the runtime's origin: the same scheme, host and port as {@code
     * {runtime}}, however the URL was written.
     */
    boolean runtimeOrigin(URI url) {
        Optional<URI> runtime = runtime().map(URI::create);
        return runtime.isPresent()
                && url.getHost() != null
                && runtime.get().getHost() != null
                && url.getScheme() != null
                && url.getScheme().equalsIgnoreCase(runtime.get().getScheme())
                && url.getHost().equalsIgnoreCase(runtime.get().getHost())
                && port(url) == port(runtime.get());
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /**
     * The one redaction of this run: its exact secrets (the runtime token and those given to {@link
     * Builder#secret}) and the {@link Redactor}'s patterns.
     */
    public Redactor redactor() {
        return redactor;
    }

    /** The text without secrets, as {@link #redactor()} removes them. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** As {@link #redact(String)}, cut to an excerpt. */
    public String excerpt(String text) {
        return redactor.excerpt(text);
    }

    /** The settings of a context; everything but the store has a default. */
    public static final class Builder {
        private final Map<String, String> variables = new LinkedHashMap<>();
        private final Map<String, TargetAdapter> targets = new HashMap<>();
        private final Map<String, List<String>> cliTools = new HashMap<>();
        private final List<String> secrets = new ArrayList<>();
        private MetricSource metrics;
        private Approvals approvals = Approvals.nobody();
        private ExecutionListener listener = ExecutionListener.NONE;
        private Pager pager = new RecordingPager();
        private ExecutionStore store;
        private Allowlist allowlist;
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration heartbeatEvery = Duration.ofSeconds(5);
        private String healthPath = "/healthz";
        private Function<String, Optional<Runbook>> catalog = id -> Optional.empty();
        private Clock clock = Clock.systemUTC();
        private String runtimeToken = "";
        private double pace = 1.0;

        private Builder() {}

        /** A placeholder value, such as {@code runtime} = {@code http://127.0.0.1:8080}. */
        public Builder variable(String name, String value) {
            variables.put(name, value);
            return this;
        }

        /** Where metrics come from (default: a scrape of {@code {runtime}/metrics}). */
        public Builder metrics(MetricSource metrics) {
            this.metrics = metrics;
            return this;
        }

        /** A target adapter under a name. */
        public Builder target(String name, TargetAdapter adapter) {
            targets.put(name, adapter);
            return this;
        }

        /** The person (default: nobody, who aborts). */
        public Builder approvals(Approvals approvals) {
            this.approvals = approvals;
            return this;
        }

        /** The listener (default: none). */
        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        /** The pager (default: a {@link RecordingPager}). */
        public Builder pager(Pager pager) {
            this.pager = pager;
            return this;
        }

        /** The store; required. */
        public Builder store(ExecutionStore store) {
            this.store = store;
            return this;
        }

        /**
         * What {@code shell} and {@code cli} steps may run, instead of the allowlist in force
         * ({@link AllowlistFile#inForce()}).
         */
        public Builder allowlist(Allowlist allowlist) {
            this.allowlist = allowlist;
            return this;
        }

        /** The command line of a {@code cli} tool, such as {@code tensor-wasm}. */
        public Builder cliTool(String name, List<String> command) {
            cliTools.put(name, List.copyOf(command));
            return this;
        }

        /** How often {@code within} checks poll (default 1 s). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = interval;
            return this;
        }

        /** How often a run heartbeats to the store (default 5 s). */
        public Builder heartbeatEvery(Duration every) {
            this.heartbeatEvery = every;
            return this;
        }

        /** The health path under {@code {runtime}} (default {@code /healthz}). */
        public Builder healthPath(String path) {
            this.healthPath = path;
            return this;
        }

        /** Where {@code decide} finds other runbooks. */
        public Builder catalog(Function<String, Optional<Runbook>> catalog) {
            this.catalog = catalog;
            return this;
        }

        /**
         * The runtime's bearer token. {@code http} actions to the runtime's origin (scheme, host
         * and port of {@code {runtime}}) send it, and {@code cli} tools get it as {@code
         * TENSOR_WASM_TOKEN} with {@code TENSOR_WASM_SERVER} set to {@code {runtime}}; runbooks
         * never hold it, and it is cut from every output, observed value and summary that is
         * recorded or shown.
         */
        public Builder runtimeToken(String token) {
            this.runtimeToken = token == null ? "" : token.strip();
            return this;
        }

        /**
         * A secret the run must never let out, such as a console token or a password the console
         * holds: it is cut by value from everything recorded, shown, logged or paged, like the
         * runtime token.
         */
        public Builder secret(String secret) {
            secrets.add(secret);
            return this;
        }

        /**
         * Shortens waits for a rehearsal: a {@code wait} step and an {@code after} delay sleep this
         * share of their length (default 1). {@code within} deadlines are not shortened, so a check
         * still gets its full time to hold. The catalogue test runs every shipped runbook so,
         * {@code wait 15m} included; a run for an incident never does.
         */
        public Builder pace(double share) {
            if (!(share > 0 && share <= 1)) {
                throw new IllegalArgumentException(
                        share + ": a pace is a share above 0, at most 1");
            }
            this.pace = share;
            return this;
        }

        /** The clock (default: UTC system clock). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** The context. */
        public RunContext build() {
            return new RunContext(this);
        }
    }
}
