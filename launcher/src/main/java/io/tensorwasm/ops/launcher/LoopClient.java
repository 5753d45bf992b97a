package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP/1.1 to one part of the loop, with its bearer token if it has one: the demo's way
 * to deploy, inject the fault, invoke, and read what Prometheus, Alertmanager and the console say.
 */
final class LoopClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    private final URI base;
    private final String token;

    private LoopClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** A client of the part at base, sending the token; empty for none. */
    static LoopClient of(URI base, String token) {
        return new LoopClient(base, token);
    }

    /** GETs the path and reads the answer as JSON; a status other than 200 throws. */
    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = send(request(pathAndQuery).GET());
        if (response.statusCode() != 200) {
            throw new IOException(
                    "GET " + base.resolve(pathAndQuery) + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** POSTs a JSON body and returns the answer. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10));
        return token.isEmpty() ? request : request.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request)
            throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
