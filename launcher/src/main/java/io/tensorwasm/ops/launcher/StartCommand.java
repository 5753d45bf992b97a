package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.drill.DrillOptions;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.oncall.run.RunEnvironment;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twops start}: the runtime as a child process and the console in this one, on their
 * embedded defaults, until Ctrl-C.
 *
 * <pre>{@code
 * twops start                          # runtime 127.0.0.1:8080, console 127.0.0.1:8090, ./data
 * twops start --no-runtime --runtime-url http://10.0.0.5:8080
 * twops start --no-runtime --db-url 'jdbc:postgresql://db/console?user=twops' --node console-b
 * twops start --rotations /etc/twops/rotations.yml    # page real people
 * }</pre>
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description =
                "Start the runtime and the console on their embedded defaults and print"
                        + " where to open them. Ctrl-C stops both.")
final class StartCommand implements Callable<Integer> {

    /** The runtime's admin token, under the data directory (mode 0600). */
    static final String RUNTIME_TOKEN_FILE = "runtime-admin-token";

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "Address both listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String bind;

    @Option(
            names = "--runtime-port",
            defaultValue = "8080",
            description = "Runtime port (default: ${DEFAULT-VALUE}).")
    int runtimePort;

    @Option(
            names = "--console-port",
            defaultValue = "8090",
            description = "Console port (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "Where databases, tokens and logs live (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--prometheus-url", description = "Prometheus HTTP API, if there is one.")
    URI prometheusUrl;

    @Option(
            names = "--alertmanager-url",
            description = "Alertmanager API, if there is one; the console lists its firing alerts.")
    URI alertmanagerUrl;

    @Option(
            names = "--grafana-url",
            defaultValue = "http://127.0.0.1:3000",
            description = "Grafana base URL for dashboard links (default: ${DEFAULT-VALUE}).")
    URI grafanaUrl;

    @CommandLine.Mixin DrillOptions drills = new DrillOptions();

    @CommandLine.Mixin OnCallOptions onCall = new OnCallOptions();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The data directory is its owner's alone, checked again at every start (issue #16).
        PrivateFiles.secure(dataDir);
        Files.createDirectories(dataDir.resolve("logs"));
        URI runtime =
                runtimeUrl != null ? runtimeUrl : URI.create("http://" + bind + ":" + runtimePort);
        String runtimeToken =
                noRuntime
                        ? PrivateFiles.existingToken(
                                drills.runtimeTokenFile() != null
                                        ? drills.runtimeTokenFile()
                                        : dataDir.resolve(RUNTIME_TOKEN_FILE))
                        : PrivateFiles.token(dataDir.resolve(RUNTIME_TOKEN_FILE));
        LocalProcessTarget runtimeProcess =
                noRuntime ? null : RuntimeProcess.target(bind, runtimePort, dataDir, runtimeToken);
        out.println(
                "TensorWasm Ops "
                        + Version.tag()
                        + ": starting"
                        + (noRuntime ? " the console" : " the runtime and the console")
                        + "...");
        out.flush();
        CommandResult runtimeStart =
                runtimeProcess == null ? null : runtimeProcess.perform(Action.Operation.START);
        ConsoleServer console;
        try {
            console = startConsole(runtime, runtimeProcess, runtimeToken);
        } catch (Exception | LinkageError e) {
            // The boundary of the start: Vert.x rethrows a failed listen's BindException
            // unchecked, and a broken class path throws an Error that would leave this process
            // hung with its threads and the runtime child running. Never leave the runtime child
            // behind: it would hold its port and its data.
            if (runtimeProcess != null) {
                runtimeProcess.perform(Action.Operation.STOP);
            }
            spec.commandLine()
                    .getErr()
                    .println(
                            "twops start: the console did not start: "
                                    + rootCause(e)
                                    + (runtimeProcess != null
                                            ? "; the runtime was stopped again"
                                            : ""));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        console.close();
                                    } finally {
                                        // The runtime child stops even when the console's stop
                                        // failed: an orphan would hold the port and the data.
                                        if (runtimeProcess != null) {
                                            runtimeProcess.perform(Action.Operation.STOP);
                                        }
                                        stopped.countDown();
                                    }
                                },
                                "twops-shutdown"));
        // What the runtime and the console created since (databases, logs) has the umask's mode.
        PrivateFiles.secure(dataDir);
        report(out, runtime, runtimeStart, console);
        stopped.await();
        return 0;
    }

    private ConsoleServer startConsole(
            URI runtime, LocalProcessTarget runtimeProcess, String runtimeToken)
            throws TimeoutException {
        return ConsoleServer.start(
                ConsoleConfig.builder()
                        .bind(bind)
                        .port(consolePort)
                        .dataDir(dataDir)
                        .databaseUrl(databaseUrl)
                        .runtimeUrl(runtime)
                        .prometheusUrl(prometheusUrl)
                        .alertmanagerUrl(alertmanagerUrl)
                        .grafanaUrl(grafanaUrl)
                        .drills(drills.settings(dataDir, runtimeProcess != null))
                        .onCall(onCall.settings(drills.consoleUrl()))
                        .build(),
                environment(runtimeProcess, runtimeToken));
    }

    /** The innermost message: "Address already in use", not three wrappers around it. */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        return cause == e || e.getMessage() == null || e.getMessage().contains(message)
                ? message
                : e.getMessage() + " (" + message + ")";
    }

    /**
     * The runtime's process as target "runtime", its command line for cli steps and drills, and its
     * token for {runtime} calls (issue #8).
     */
    private static RunEnvironment environment(
            LocalProcessTarget runtimeProcess, String runtimeToken) {
        RunEnvironment environment =
                RunEnvironment.none()
                        .withRuntimeToken(runtimeToken)
                        .withCliTool("tensor-wasm", TensorWasmCommand.javaCommand());
        return runtimeProcess == null
                ? environment
                : environment.withTarget("runtime", runtimeProcess);
    }

    private void report(
            PrintWriter out, URI runtime, CommandResult runtimeStart, ConsoleServer console) {
        URI consoleUrl = URI.create("http://" + bind + ":" + console.port() + "/");
        if (answers(consoleUrl.resolve("/healthz"))) {
            out.println("  console   " + consoleUrl);
        } else {
            out.println("  console   did not answer on " + consoleUrl + "; see the log above");
        }
        if (answers(runtime.resolve("/healthz"))) {
            out.println("  runtime   " + runtime + "/");
        } else if (runtimeStart != null) {
            out.println("  runtime   did not start: " + runtimeStart.output());
        } else {
            out.println(
                    "  runtime   " + runtime + " does not answer; the console shows it as down");
        }
        out.println(
                "  sign in   with the token in "
                        + console.adminTokenFile()
                        + " (only you can read it)");
        if (runtimeStart != null) {
            out.println(
                    "  API token for tensor-wasm and curl: "
                            + dataDir.resolve(RUNTIME_TOKEN_FILE)
                            + "; runtime log: "
                            + dataDir.resolve("logs/runtime.log"));
        }
        out.println(
                "  alerts    Alertmanager posts to "
                        + consoleUrl
                        + "hooks/alertmanager with the bearer token in "
                        + console.webhookTokenFile()
                        + " (its credentials_file)");
        out.println("  paging    " + onCall.describe());
        out.println(
                "Ctrl-C stops everything; starting again keeps every record under "
                        + dataDir
                        + "/.");
        out.flush();
    }

    static boolean answers(URI health) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException ignored) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
