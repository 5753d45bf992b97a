package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.launcher.LoopUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where the runbooks, the execution store, the runtime and Prometheus are. */
final class EngineOptions {

    @Option(
            names = "--runbooks",
            paramLabel = "DIR",
            description = "Folder of runbook pages (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:TWOPS_RUNBOOKS:-runbooks/src/main/resources/runbooks}")
    Path runbooks;

    @Option(
            names = "--db",
            paramLabel = "JDBC_URL",
            description =
                    "Execution store (default: ${DEFAULT-VALUE}, the console's database, so runs,"
                            + " history and the kill switch are the ones the console shows);"
                            + " PostgreSQL with jdbc:postgresql://...",
            defaultValue = "${env:TWOPS_DB:-jdbc:h2:file:./data/console;AUTO_SERVER=TRUE}")
    String db;

    @Option(
            names = "--db-user",
            description = "Database user (default: ${DEFAULT-VALUE}, the console's H2 user).",
            defaultValue = "${env:TWOPS_DB_USER:-sa}")
    String dbUser;

    @Option(
            names = "--db-password",
            description = "Database password (or TWOPS_DB_PASSWORD).",
            defaultValue = "${env:TWOPS_DB_PASSWORD:-}")
    String dbPassword;

    @Option(
            names = "--runtime",
            paramLabel = "URL",
            description =
                    "The runtime, {runtime} in runbooks (default: TWOPS_RUNTIME, else the one that"
                            + " twops start runs from ./data, else http://127.0.0.1:8080).",
            defaultValue = "${env:TWOPS_RUNTIME:-}")
    String runtime;

    @Option(
            names = "--prometheus",
            paramLabel = "URL",
            description =
                    "Prometheus for metrics and PromQL (default: TWOPS_PROMETHEUS, else the one"
                            + " that twops start runs from ./data); without one, /metrics of the"
                            + " runtime is scraped.",
            defaultValue = "${env:TWOPS_PROMETHEUS:-}")
    String prometheus;

    @Option(
            names = "--runtime-token-file",
            paramLabel = "FILE",
            description =
                    "The runtime's admin token, sent only with http steps addressed to {runtime};"
                            + " read when the file exists (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:TWOPS_RUNTIME_TOKEN_FILE:-data/runtime-admin-token}")
    Path runtimeTokenFile;

    @Option(
            names = "--allowlist",
            paramLabel = "FILE",
            description =
                    "What shell and cli steps may run (default: TWOPS_ALLOWLIST, else the"
                            + " read-only defaults; docs/RUNBOOK-FORMAT.md).",
            defaultValue = "${env:TWOPS_ALLOWLIST:-}")
    String allowlist;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Another placeholder value.")
    Map<String, String> vars = new LinkedHashMap<>();

    LintReport catalog() {
        if (!Files.isDirectory(runbooks)) {
            throw new IllegalArgumentException(
                    runbooks + ": no such folder of runbooks; give one with --runbooks DIR");
        }
        return Catalog.lint(allowlist(), runbooks);
    }

    /** The allowlist in force: the option's file, else the defaults. */
    Allowlist allowlist() {
        return allowlist == null || allowlist.isBlank()
                ? AllowlistFile.defaults()
                : AllowlistFile.load(Path.of(allowlist));
    }

    ExecutionStore store() {
        return JdbcExecutionStore.open(db, dbUser, dbPassword);
    }

    /**
     * The store to read only, or empty when nothing was ever recorded there: a command that looks
     * never writes (issue #16).
     */
    Optional<JdbcExecutionStore> storeForReading() {
        return JdbcExecutionStore.openForReading(db, dbUser, dbPassword);
    }

    MetricSource metrics() {
        return prometheus().isEmpty()
                ? MetricSource.scrape(URI.create(runtime() + "/metrics"))
                : MetricSource.prometheus(URI.create(prometheus()));
    }

    /** The runtime's base URL: the option, else what a running twops start wrote, else 8080. */
    String runtime() {
        return runtime.isEmpty()
                ? running("runtime").orElse("http://127.0.0.1:8080")
                : trimmed(runtime);
    }

    /** Prometheus's base URL: the option, else a running twops start's, else empty for none. */
    String prometheus() {
        return prometheus.isEmpty() ? running("prometheus").orElse("") : trimmed(prometheus);
    }

    /** A URL that twops start, running from ./data, wrote to data/urls.properties. */
    private static Optional<String> running(String part) {
        return LoopUrls.read(Path.of("data"), part).map(EngineOptions::trimmed);
    }

    private static String trimmed(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The token in the token file, or empty when there is no such file (a dev-mode runtime). */
    String runtimeToken() {
        if (!Files.isRegularFile(runtimeTokenFile)) {
            return "";
        }
        try {
            return Files.readString(runtimeTokenFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(runtimeTokenFile + ": cannot read the runtime token", e);
        }
    }

    Map<String, String> variables() {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("runtime", runtime());
        if (!prometheus().isEmpty()) {
            all.put("prometheus", prometheus());
        }
        all.putAll(vars);
        return all;
    }
}
