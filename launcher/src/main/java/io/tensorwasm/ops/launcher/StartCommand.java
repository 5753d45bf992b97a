package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.launcher.drill.DrillOptions;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twops start}: the whole alert loop on one machine, until Ctrl-C: the runtime, Prometheus
 * and Alertmanager as child processes, and the console in this one.
 *
 * <pre>{@code
 * twops start                          # runtime :8080, console :8090, Prometheus :9090,
 *                                      # Alertmanager :9093, all on 127.0.0.1; files in ./data
 * twops start --no-monitoring          # the runtime and the console only
 * twops start --prometheus-url http://prom:9090 --alertmanager-url http://am:9093
 * twops start --no-runtime --runtime-url http://10.0.0.5:8080
 * twops start --no-runtime --db-url 'jdbc:postgresql://db/console?user=twops' --node console-b
 * twops start --rotations /etc/twops/rotations.yml    # page real people
 * }</pre>
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description =
                "Start the alert loop on this machine: the runtime, Prometheus (scraping it with"
                        + " the shipped rules), Alertmanager (routing to the console) and the"
                        + " console, and print where each answers. Ctrl-C stops them all.")
final class StartCommand implements Callable<Integer> {

    /** The runtime's admin token, under the data directory (mode 0600). */
    static final String RUNTIME_TOKEN_FILE = "runtime-admin-token";

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description =
                    "Address every part listens on (default: ${DEFAULT-VALUE}, loopback only).")
    String bind;

    @Mixin LoopPorts ports;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description =
                    "Where databases, tokens, the monitoring's files and logs live (default:"
                            + " ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            description =
                    "JDBC URL of the console's database (default: an H2 file in the data dir).")
    String databaseUrl;

    @Option(
            names = "--no-runtime",
            description = "Do not start a runtime; operate the one at --runtime-url.")
    boolean noRuntime;

    @Option(
            names = "--runtime-url",
            description = "With --no-runtime: the runtime to operate (default: the local one).")
    URI runtimeUrl;

    @Option(
            names = "--prometheus-url",
            paramLabel = "URL",
            description = "Use this Prometheus instead of starting one.")
    URI prometheusUrl;

    @Option(
            names = "--alertmanager-url",
            paramLabel = "URL",
            description =
                    "Use this Alertmanager instead of starting one; a Prometheus started here"
                            + " sends its alerts there.")
    URI alertmanagerUrl;

    @Option(
            names = "--no-monitoring",
            description =
                    "Start neither Prometheus nor Alertmanager (runbook PromQL steps then need"
                            + " --prometheus-url).")
    boolean noMonitoring;

    @Option(
            names = "--alert-profile",
            paramLabel = "PROFILE",
            defaultValue = "production",
            converter = AlertProfile.Converter.class,
            description =
                    "The rules the Prometheus started here evaluates: production (default; scrapes"
                            + " every 5s) or test (every window and hold shortened, 5m to 10s;"
                            + " scrapes every 1s), for demos and tests.")
    AlertProfile alertProfile;

    @Option(
            names = "--grafana-url",
            defaultValue = "http://127.0.0.1:3000",
            description = "Grafana base URL for dashboard links (default: ${DEFAULT-VALUE}).")
    URI grafanaUrl;

    @Option(
            names = "--secure-cookies",
            description =
                    "Mark the console's cookies Secure although its URL is plain http: behind a"
                            + " proxy that ends TLS. With an https --console-url they always are.")
    boolean secureCookies;

    @CommandLine.Mixin DrillOptions drills = new DrillOptions();

    @CommandLine.Mixin OnCallOptions onCall = new OnCallOptions();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** More environment for the runtime child: the demo's fault injection. */
    Map<String, String> runtimeEnvironment = Map.of();

    private Parts parts;

    @Override
    public Integer call() throws Exception {
        Loop loop;
        try {
            loop = launch();
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("twops start: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        // What the children and the console made since (databases, logs) has the umask's mode.
        PrivateFiles.secure(dataDir);
        report(loop);
        loop.awaitStop();
        return 0;
    }

    /**
     * Starts every part and returns the running loop.
     *
     * @throws IllegalStateException with one line when a part did not start; nothing it started
     *     keeps running
     */
    Loop launch() {
        PrintWriter out = spec.commandLine().getOut();
        // The data directory is its owner's alone, checked again at every start (issue #16).
        PrivateFiles.secure(dataDir);
        PrivateFiles.directory(dataDir.resolve("logs"));
        parts = Parts.of(this);
        out.println("TensorWasm Ops " + Version.tag() + ": starting " + parts.describe() + "...");
        for (String missing : parts.missing()) {
            out.println("  " + missing + "; starting without it");
        }
        for (String drift : UrlDrift.warnings(parts, drills.alertRules())) {
            out.println("  warning: " + drift);
        }
        out.flush();
        LoopUrls urls = parts.urls();
        String runtimeToken = runtimeToken();
        Optional<Child> runtime =
                noRuntime
                        ? Optional.empty()
                        : Optional.of(
                                RuntimeProcess.child(
                                        urls.runtime(), dataDir, runtimeToken, runtimeEnvironment));
        List<Child> children = new ArrayList<>();
        runtime.ifPresent(children::add);
        children.addAll(monitoring(urls, runtime));
        ConsoleConfig config = consoleConfig(urls, runtime.isPresent());
        RunEnvironment environment = environment(runtime, runtimeToken);
        return Loop.start(
                new Loop.Plan(
                        dataDir, urls, children, () -> ConsoleServer.start(config, environment)),
                spec.commandLine().getErr());
    }

    /**
     * The runtime's admin token: generated for a runtime started here, else read if there is one.
     */
    private String runtimeToken() {
        if (!noRuntime) {
            return PrivateFiles.token(dataDir.resolve(RUNTIME_TOKEN_FILE));
        }
        return PrivateFiles.existingToken(
                drills.runtimeTokenFile() != null
                        ? drills.runtimeTokenFile()
                        : dataDir.resolve(RUNTIME_TOKEN_FILE));
    }

    /** Alertmanager and Prometheus, where they start here; Prometheus after the runtime. */
    private List<Child> monitoring(LoopUrls urls, Optional<Child> runtime) {
        List<Child> children = new ArrayList<>();
        parts.alertmanager()
                .map(
                        binary ->
                                AlertmanagerProcess.child(
                                        binary,
                                        alertmanagerListen(),
                                        dataDir,
                                        urls.console().resolve("/hooks/alertmanager")))
                .ifPresent(children::add);
        parts.prometheus()
                .map(binary -> prometheus(binary, urls))
                .map(prometheus -> runtime.map(prometheus::after).orElse(prometheus))
                .ifPresent(children::add);
        return children;
    }

    private Child prometheus(Path binary, LoopUrls urls) {
        PrivateFiles.directory(dataDir.resolve("prometheus"));
        Path rules =
                PrivateFiles.write(
                        PrometheusProcess.rulesFile(dataDir),
                        RuleFiles.generate(
                                alertProfile.label(), new BaseUrls(urls.console(), grafanaUrl)));
        return PrometheusProcess.child(
                binary,
                URI.create("http://" + bind + ":" + ports.prometheus),
                dataDir,
                new PrometheusProcess.Scrape(
                        urls.runtime(), rules, alertProfile.interval(), urls.alertmanager()));
    }

    private URI alertmanagerListen() {
        return URI.create("http://" + bind + ":" + ports.alertmanager);
    }

    private ConsoleConfig consoleConfig(LoopUrls urls, boolean localRuntime) {
        return onCall.slack(ConsoleConfig.builder())
                .bind(bind)
                .port(ports.console)
                .dataDir(dataDir)
                .databaseUrl(databaseUrl)
                .runtimeUrl(urls.runtime())
                .prometheusUrl(urls.prometheus().orElse(null))
                .alertmanagerUrl(urls.alertmanager().orElse(null))
                .grafanaUrl(grafanaUrl)
                .secureCookies(secureCookies)
                .drills(
                        drills.settings(
                                dataDir,
                                localRuntime,
                                parts.prometheus().isPresent()
                                        ? PrometheusProcess.rulesFile(dataDir)
                                        : null))
                .onCall(onCall.settings(drills.consoleUrl()))
                .build();
    }

    /**
     * The runtime's process as target "runtime", its command line for cli steps and drills, and its
     * token for {runtime} calls (issue #8).
     */
    private static RunEnvironment environment(Optional<Child> runtime, String runtimeToken) {
        RunEnvironment environment =
                RunEnvironment.none()
                        .withRuntimeToken(runtimeToken)
                        .withCliTool("tensor-wasm", TensorWasmCommand.javaCommand());
        return runtime.map(child -> environment.withTarget("runtime", child.target()))
                .orElse(environment);
    }

    private void reportMonitoring(StartReport report, LoopUrls urls) {
        String prometheus =
                parts.prometheus().isPresent()
                        ? "scrapes the runtime every "
                                + alertProfile.interval().toSeconds()
                                + "s with the "
                                + alertProfile.label()
                                + " rules"
                        : "(not started here)";
        urls.prometheus()
                .ifPresentOrElse(
                        url -> report.url("prometheus", "Prometheus", url, "/-/ready", prometheus),
                        () -> report.absent("Prometheus", parts.whyAbsent()));
        String alertmanager =
                parts.alertmanager().isPresent()
                        ? "routes pages and tickets to the console"
                        : "(not started here)";
        urls.alertmanager()
                .ifPresentOrElse(
                        url ->
                                report.url(
                                        "alertmanager",
                                        "Alertmanager",
                                        url,
                                        "/-/ready",
                                        alertmanager),
                        () -> report.absent("Alertmanager", parts.whyAbsent()));
    }

    /** Prints every URL, each checked to answer, and which parts run. */
    void report(Loop loop) {
        StartReport report = new StartReport(spec.commandLine().getOut());
        LoopUrls urls = loop.urls();
        ConsoleServer console = loop.console();
        report.url("console", "the console", urls.console(), "/healthz", "");
        report.url(
                "runtime",
                "the runtime",
                urls.runtime(),
                "/healthz",
                noRuntime ? "(not started here)" : "");
        reportMonitoring(report, urls);
        report.line(
                "sign in",
                "with the token in " + console.adminTokenFile() + " (only you can read it)");
        if (!noRuntime) {
            report.line(
                    "API token",
                    "for tensor-wasm and curl: " + dataDir.resolve(RUNTIME_TOKEN_FILE));
        }
        report.line(
                "alerts",
                "Alertmanager posts to "
                        + urls.console().resolve("/hooks/alertmanager")
                        + " with the bearer token in "
                        + console.webhookTokenFile()
                        + " (its credentials_file)");
        report.line("paging", onCall.describe());
        report.line("logs", dataDir.resolve("logs") + "/");
        report.finish(dataDir);
    }
}
