package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code twops start}: the console on its embedded defaults, until Ctrl-C.
 *
 * <pre>{@code
 * twops start                          # console on 127.0.0.1:8090, data under ./data
 * twops start --console-port 9000 --data-dir /var/lib/twops
 * }</pre>
 */
@Command(
        name = "start",
        mixinStandardHelpOptions = true,
        description = "Start the platform on its embedded defaults and print where to open it.")
final class StartCommand implements Callable<Integer> {

    @Option(
            names = "--bind",
            defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
    String bind;

    @Option(
            names = "--console-port",
            defaultValue = "8090",
            description = "Console port (default: ${DEFAULT-VALUE}).")
    int consolePort;

    @Option(
            names = "--runtime-url",
            defaultValue = "http://127.0.0.1:8080",
            description = "The runtime the console operates (default: ${DEFAULT-VALUE}).")
    URI runtimeUrl;

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description =
                    "Where the embedded databases and tokens live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            description =
                    "JDBC URL of the console's database (default: an H2 file in the data dir).")
    String databaseUrl;

    @Option(names = "--prometheus-url", description = "Prometheus HTTP API, if there is one.")
    URI prometheusUrl;

    @Option(
            names = "--grafana-url",
            defaultValue = "http://127.0.0.1:3000",
            description = "Grafana base URL for dashboard links (default: ${DEFAULT-VALUE}).")
    URI grafanaUrl;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .bind(bind)
                        .port(consolePort)
                        .dataDir(dataDir)
                        .databaseUrl(databaseUrl)
                        .runtimeUrl(runtimeUrl)
                        .prometheusUrl(prometheusUrl)
                        .grafanaUrl(grafanaUrl)
                        .build();
        ConsoleServer console = ConsoleServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    console.close();
                                    stopped.countDown();
                                },
                                "twops-shutdown"));
        URI consoleUrl = URI.create("http://" + bind + ":" + console.port() + "/");
        out.println("TensorWasm Ops " + Version.tag());
        if (answers(consoleUrl.resolve("/healthz"))) {
            out.println("  console  " + consoleUrl);
        } else {
            out.println("  console  did not answer on " + consoleUrl + "; see the log above");
        }
        out.println("  runtime  not started by this build: the console watches " + runtimeUrl);
        out.println(
                "  sign in  with the token in "
                        + console.adminTokenFile()
                        + " (readable only by you)");
        out.println(
                "Ctrl-C stops everything; starting again keeps every record in " + dataDir + ".");
        out.flush();
        stopped.await();
        return 0;
    }

    static boolean answers(URI health) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> response =
                    http.send(
                            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (java.io.IOException ignored) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
