package io.tensorwasm.ops.launcher.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * How {@code tensor-wasm observe}, {@code deploy} and {@code backup} reach a runtime: its {@code
 * --server} (default {@code TENSOR_WASM_SERVER}), the bearer token from {@code TENSOR_WASM_TOKEN}
 * (never an option, so it stays out of shell history and process lists), and the runtime's error
 * message out of a JSON answer.
 */
final class RuntimeClient {

    private static final Pattern MESSAGE =
            Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    // A runbook's cli step never chooses the server: the engine sets TENSOR_WASM_SERVER to the
    // runtime it hands TENSOR_WASM_TOKEN for (issue #16).
    @Option(
            names = "--server",
            paramLabel = "URL",
            defaultValue = "${env:TENSOR_WASM_SERVER:-http://127.0.0.1:8080}",
            description =
                    "The runtime's base URL (default: TENSOR_WASM_SERVER, else http://127.0.0.1:8080).")
    URI server;

    /** Where the token is read from; tests replace it. */
    Map<String, String> env = System.getenv();

    // HTTP/1.1 as curl speaks it; see RuntimeVerticle on h2c.
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    /** A request for a path of the server, with the token when there is one. */
    HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout);
        String token = env.get("TENSOR_WASM_TOKEN");
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        return request;
    }

    <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request.build(), body);
    }

    /** The runtime's {@code message} from an error answer, else the answer itself. */
    static String message(String body) {
        Matcher m = MESSAGE.matcher(body);
        return m.find() ? m.group(1) : body.strip();
    }
}
