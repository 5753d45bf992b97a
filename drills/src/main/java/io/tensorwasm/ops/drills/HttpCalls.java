package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Texts;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The drills' HTTP: one client with short timeouts, answers as values, and a failure to connect is
 * an answer too (status 0), so a check reports it rather than throwing. Tokens go in headers only
 * and never into an answer's text.
 */
final class HttpCalls {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    // HTTP/1.1 as curl speaks it: no h2c upgrade attempt inflates a timed call.
    private final HttpClient http =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    /**
     * One answer.
     *
     * @param status the HTTP status, or 0 when no answer came
     * @param body the body, or why no answer came
     * @param took from sending to the whole body
     */
    record Answer(int status, String body, Duration took) {

        /**
         * {@code answered 401 {"error":...}}, or {@code did not answer (ConnectException)}, for
         * check texts.
         */
        String describe() {
            if (status == 0) {
                return "did not answer (" + body + ")";
            }
            // A JSON error says why (the runtime's {"error":...}); an HTML page would only be
            // noise.
            String text = body.strip().replaceAll("\\s+", " ");
            boolean why = status >= 300 && text.startsWith("{");
            return "answered " + status + (why ? " " + Texts.clip(text, 120) : "");
        }
    }

    Answer get(URI url, Optional<String> token) throws InterruptedException {
        return send(request(url, token).GET());
    }

    /**
     * A GET on this thread with a plain blocking connection (kept alive between calls), as curl
     * makes it: the timing holds no hand-off between client threads, which on a busy host costs
     * more than the answer itself. For the latency checks.
     */
    Answer timedGet(URI url) {
        long start = System.nanoTime();
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(2_000);
            connection.setReadTimeout((int) TIMEOUT.toMillis());
            int status = connection.getResponseCode();
            InputStream body =
                    status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text =
                    body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
            return new Answer(status, text, since(start));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer(0, why, since(start));
        }
    }

    Answer postJson(URI url, String json, Optional<String> token) throws InterruptedException {
        return send(
                request(url, token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(URI url, Optional<String> token) throws InterruptedException {
        return send(request(url, token).DELETE());
    }

    private static HttpRequest.Builder request(URI url, Optional<String> token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(TIMEOUT);
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    private Answer send(HttpRequest.Builder request) throws InterruptedException {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response =
                    http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), since(start));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Answer(0, why, since(start));
        }
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
