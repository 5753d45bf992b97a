package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.FleetMember;
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
 * twops start --replicas 3                # HAProxy :8080 in front of replicas :8081-8083
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

    @Mixin FleetOptions fleet = new FleetOptions();

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
        fleet.check(noRuntime);
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
        List<AutoCloseable> resources = new ArrayList<>();
        Runtimes runtimes = fleet.fleet() ? fleet(urls, resources) : runtime(urls, runtimeToken);
        List<Child> children = new ArrayList<>(runtimes.children());
        children.addAll(monitoring(urls, runtimes));
        ConsoleConfig config = consoleConfig(urls, !noRuntime);
        RunEnvironment environment = environment(runtimes, runtimeToken);
        return Loop.start(
                new Loop.Plan(
                        dataDir,
                        urls,
                        children,
                        () -> ConsoleServer.start(config, environment),
                        resources),
                spec.commandLine().getErr());
    }

    /**
     * The runtime processes this start runs: the replicas (empty with --no-runtime), the load
     * balancer in front of a fleet, and the fleet.
     */
    private record Runtimes(List<Child> replicas, Optional<Child> balancer, Optional<Fleet> fleet) {
        List<Child> children() {
            List<Child> all = new ArrayList<>(replicas);
            balancer.ifPresent(all::add);
            return all;
        }
    }

    private Runtimes runtime(LoopUrls urls, String runtimeToken) {
        return new Runtimes(
                noRuntime
                        ? List.of()
                        : List.of(
                                RuntimeProcess.child(
                                        urls.runtime(), dataDir, runtimeToken, runtimeEnvironment)),
                Optional.empty(),
                Optional.empty());
    }

    /**
     * The replicas behind HAProxy on a registry database this JVM serves, which joins the loop's
     * resources; nothing keeps running when one of them cannot be prepared.
     */
    private Runtimes fleet(LoopUrls urls, List<AutoCloseable> resources) {
        List<Integer> replicaPorts = fleet.ports(ports.runtime);
        Path haproxy =
                parts.haproxy()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                "--replicas needs a load balancer: "
                                                        + Binaries.HAPROXY.missing()));
        RegistryServer registry =
                RegistryServer.start(
                        dataDir.toAbsolutePath().resolve(FleetProcesses.DIR), fleet.registryPort);
        resources.add(registry);
        try {
            Fleet members =
                    FleetProcesses.prepare(
                            dataDir,
                            new FleetProcesses.Layout(
                                    bind,
                                    urls.runtime(),
                                    replicaPorts,
                                    dataDir.resolve(RUNTIME_TOKEN_FILE),
                                    runtimeEnvironment),
                            registry);
            List<Child> replicas = FleetProcesses.children(members);
            Child balancer =
                    HaproxyProcess.child(haproxy, urls.runtime(), dataDir, members.members())
                            .after(replicas);
            return new Runtimes(replicas, Optional.of(balancer), Optional.of(members));
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
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

    /** Alertmanager and Prometheus, where they start here; Prometheus after the runtimes. */
    private List<Child> monitoring(LoopUrls urls, Runtimes runtimes) {
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
        List<URI> scraped =
                runtimes.fleet()
                        .map(f -> f.members().stream().map(FleetMember::url).toList())
                        .orElse(List.of(urls.runtime()));
        parts.prometheus()
                .map(binary -> prometheus(binary, urls, scraped).after(runtimes.replicas()))
                .ifPresent(children::add);
        return children;
    }

    private Child prometheus(Path binary, LoopUrls urls, List<URI> scraped) {
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
                        scraped, rules, alertProfile.interval(), urls.alertmanager()));
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
    private static RunEnvironment environment(Runtimes runtimes, String runtimeToken) {
        RunEnvironment environment =
                RunEnvironment.none()
                        .withRuntimeToken(runtimeToken)
                        .withCliTool("tensor-wasm", TensorWasmCommand.javaCommand());
        if (runtimes.fleet().isPresent()) {
            // Each member is driven through the fleet; "runtime" names no single process.
            return environment.withFleet(runtimes.fleet().get());
        }
        return runtimes.replicas().stream()
                .findFirst()
                .map(child -> environment.withTarget("runtime", child.target()))
                .orElse(environment);
    }

    private void reportMonitoring(StartReport report, LoopUrls urls) {
        String prometheus =
                parts.prometheus().isPresent()
                        ? "scrapes "
                                + (fleet.fleet() ? "every replica" : "the runtime")
                                + " every "
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

    /** The load balancer's URL, where tenants call the fleet, then each replica's. */
    private void reportFleet(StartReport report, Loop loop, LoopUrls urls) {
        List<Child> replicas =
                loop.children().stream().filter(c -> c.name().startsWith("replica-")).toList();
        report.url(
                "runtime",
                "HAProxy",
                urls.runtime(),
                "/healthz",
                "the load balancer (HAProxy) in front of " + replicas.size() + " replicas");
        for (Child replica : replicas) {
            report.url(replica.name(), replica.name(), replica.url(), "/healthz", "");
        }
        report.line(
                "fleet",
                FleetProcesses.file(dataDir)
                        + " (HAProxy's runtime API: "
                        + HaproxyProcess.socket(FleetProcesses.file(dataDir).getParent())
                        + ")");
    }

    /** Prints every URL, each checked to answer, and which parts run. */
    void report(Loop loop) {
        StartReport report = new StartReport(spec.commandLine().getOut());
        LoopUrls urls = loop.urls();
        ConsoleServer console = loop.console();
        report.url("console", "the console", urls.console(), "/healthz", "");
        if (fleet.fleet()) {
            reportFleet(report, loop, urls);
        } else {
            report.url(
                    "runtime",
                    "the runtime",
                    urls.runtime(),
                    "/healthz",
                    noRuntime ? "(not started here)" : "");
        }
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
