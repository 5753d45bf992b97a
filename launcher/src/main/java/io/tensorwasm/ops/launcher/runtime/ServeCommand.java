package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm serve}: runs the runtime in the foreground until SIGTERM or Ctrl-C.
 *
 * <pre>{@code
 * TENSOR_WASM_API_TOKENS='s3cret:tenant=*' tensor-wasm serve --port 8080
 * # tensor-wasm listening on http://127.0.0.1:8080
 * }</pre>
 *
 * <p>Without tokens (dev mode) it listens only on a loopback address: {@code --bind 0.0.0.0} then
 * stops at once with one line saying why.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the TensorWasm runtime in the foreground; SIGTERM or Ctrl-C stops it cleanly.",
            "Also reads the TENSOR_WASM_* environment variables of docs/API.md; a flag wins over"
                    + " its variable."
        })
final class ServeCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on (default 8080; 0 picks a free one).")
    Integer port;

    @Option(
            names = "--bind",
            paramLabel = "HOST",
            description =
                    "Address to listen on (default 127.0.0.1); an address off loopback needs"
                            + " TENSOR_WASM_API_TOKENS.")
    String bind;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Registry and audit key directory (default data/runtime).")
    Path dataDir;

    @Option(
            names = "--db-url",
            paramLabel = "JDBC_URL",
            description =
                    "PostgreSQL registry instead of the H2 file; user and password from TENSOR_WASM_DB_USER and TENSOR_WASM_DB_PASSWORD.")
    String dbUrl;

    Map<String, String> env = System.getenv();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RuntimeConfig config = config();
        RuntimeServer server = RuntimeServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "tensor-wasm-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        awaitHealthy(server);
        // The address as bound, not the one the health check used: 0.0.0.0 is reachable from
        // other hosts, and a banner saying 127.0.0.1 hid that (issue #16).
        out.println("tensor-wasm listening on " + server.listenUri());
        out.flush();
        stopped.await();
        return 0;
    }

    RuntimeConfig config() {
        RuntimeConfig.Builder builder = RuntimeConfig.fromEnvironment(env).toBuilder();
        if (port != null) {
            builder.port(port);
        }
        if (bind != null) {
            builder.bind(bind);
        }
        if (dataDir != null) {
            builder.dataDir(dataDir);
        }
        if (dbUrl != null) {
            builder.database(
                    dbUrl,
                    env.getOrDefault("TENSOR_WASM_DB_USER", ""),
                    env.getOrDefault("TENSOR_WASM_DB_PASSWORD", ""));
        }
        return builder.build();
    }

    /**
     * The line promises a server that answers, so ask it once before printing. A JVM still loading
     * classes on a busy host can take many seconds to answer its first request (issue #21: three
     * replicas starting together on two cores); that is slow, not broken.
     */
    private static void awaitHealthy(RuntimeServer server)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(server.baseUri().resolve("/healthz"))
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    server.baseUri() + "/healthz answered " + response.statusCode());
        }
    }
}
