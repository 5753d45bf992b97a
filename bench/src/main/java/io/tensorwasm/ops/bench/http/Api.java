package io.tensorwasm.ops.bench.http;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/** The few runtime API calls the harness makes, in dev mode (no token). */
final class Api {

    private final URI base;
    private final HttpClient client =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    Api(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    /** Deploys the module and returns its id. */
    String deploy(String name, byte[] wasm) throws IOException, InterruptedException {
        String body =
                new JsonObject()
                        .put("name", name)
                        .put("wasm_b64", Base64.getEncoder().encodeToString(wasm))
                        .encode();
        return new JsonObject(post("/functions", body, 201)).getString("id");
    }

    /** Invokes and returns the answer; anything but 200 fails the run. */
    String invoke(String id, String body) throws IOException, InterruptedException {
        return post("/functions/" + id + "/invoke", body, 200);
    }

    /** Whether /healthz answers 200 now. */
    boolean healthzOk() throws IOException, InterruptedException {
        return client.send(
                                HttpRequest.newBuilder(uri("/healthz"))
                                        .timeout(Duration.ofSeconds(10))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                == 200;
    }

    /** One GET of /healthz, its latency in nanoseconds. */
    long healthz() throws IOException, InterruptedException {
        long start = System.nanoTime();
        HttpResponse<Void> response =
                client.send(
                        HttpRequest.newBuilder(uri("/healthz"))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        long nanos = System.nanoTime() - start;
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/healthz answered " + response.statusCode());
        }
        return nanos;
    }

    private String post(String path, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response =
                client.send(
                        HttpRequest.newBuilder(uri(path))
                                .timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    "POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
