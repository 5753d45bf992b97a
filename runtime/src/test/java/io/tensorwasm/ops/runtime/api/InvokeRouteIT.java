package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.auditLines;
import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link InvokeRoute}'s contract over real HTTP: the invoke route, served ahead of the router,
 * answers every spelling of its path, every body and every refusal as the router would (issue #22).
 */
class InvokeRouteIT {

    private static final String TRACE = "0123456789abcdef0123456789abcdef";

    @TempDir Path dataDir;
    private RuntimeServices services;

    @BeforeEach
    void open() {
        services = RuntimeServices.open(ApiFixture.config(dataDir).build());
    }

    @AfterEach
    void close() {
        services.close();
    }

    @Test
    void thePathIsMatchedAsTheRouterMatchesIt() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "adder", "ok");
                    String escaped = "%" + Integer.toHexString(id.charAt(0)) + id.substring(1);
                    for (String path :
                            List.of(
                                    "/functions/" + id + "/invoke",
                                    "/functions/" + id + "/invoke/",
                                    "/functions/" + escaped + "/invoke",
                                    "/functions/elsewhere/../" + id + "/invoke")) {
                        HttpResponse<String> answer = seven.postJson(path, "{\"args\":[2,3]}");
                        assertThat(answer.statusCode()).as(path).isEqualTo(200);
                        assertThat(answer.body()).as(path).isEqualTo("{\"result\":[5]}");
                    }
                    HttpResponse<String> unknown =
                            seven.postJson("/functions/fn_nothing/invoke", "{}");
                    assertThat(unknown.statusCode()).isEqualTo(404);
                    assertThat(error(unknown)).startsWith("function_not_found: ");
                    assertThat(
                                    seven.postJson("/functions/" + id + "/invoke/more", "{}")
                                            .statusCode())
                            .isEqualTo(404);

                    HttpResponse<String> get = seven.get("/functions/" + id + "/invoke");
                    assertThat(get.statusCode()).isEqualTo(405);
                    assertThat(error(get))
                            .isEqualTo(
                                    "method_not_allowed: GET /functions/"
                                            + id
                                            + "/invoke: method not allowed");
                    assertThat(new String(services.metrics().scrape()))
                            .contains(
                                    "tensor_wasm_http_requests_total{method=\"POST\",route=\"/functions/{id}/invoke\",status=\"200\"} 4.0")
                            .contains(
                                    "tensor_wasm_http_requests_total{method=\"POST\",route=\"/functions/{id}/invoke\",status=\"404\"} 1.0")
                            .contains(
                                    "tensor_wasm_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"405\"} 1.0");
                });
    }

    @Test
    void aBodyOverTheLimitIs413WhetherItsLengthIsDeclaredOrChunked() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "adder", "ok");
                    String path = "/functions/" + id + "/invoke";
                    byte[] over = padded(70 * 1024);
                    for (HttpRequest.BodyPublisher body :
                            List.of(
                                    HttpRequest.BodyPublishers.ofByteArray(over),
                                    HttpRequest.BodyPublishers.ofInputStream(
                                            () -> new ByteArrayInputStream(over)))) {
                        HttpResponse<String> answer =
                                seven.send(seven.request(path).POST(body).build());
                        assertThat(answer.statusCode()).isEqualTo(413);
                        assertThat(error(answer))
                                .isEqualTo(
                                        "body_too_large: request body over the 65536-byte limit");
                    }
                    // Under the limit, a body of many chunks (at most 8 KiB each as Vert.x reads
                    // them) is read whole.
                    byte[] under = padded(60 * 1024);
                    HttpResponse<String> chunked =
                            seven.send(
                                    seven.request(path)
                                            .POST(
                                                    HttpRequest.BodyPublishers.ofInputStream(
                                                            () -> new ByteArrayInputStream(under)))
                                            .build());
                    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(200);
                    assertThat(chunked.body()).isEqualTo("{\"result\":[5]}");
                    HttpResponse<String> continued =
                            seven.send(
                                    seven.request(path)
                                            .expectContinue(true)
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(under))
                                            .build());
                    assertThat(continued.statusCode()).isEqualTo(200);
                    assertThat(continued.body()).isEqualTo("{\"result\":[5]}");
                    HttpResponse<String> empty =
                            seven.send(
                                    seven.request(path)
                                            .POST(HttpRequest.BodyPublishers.noBody())
                                            .build());
                    assertThat(empty.statusCode()).isEqualTo(400);
                    // No body at all is the same as {}: the call itself is what is wrong.
                    assertThat(error(empty))
                            .isEqualTo(
                                    "invalid_request: 0 arguments: adder.add takes 2 [i32, i32]");
                });
    }

    @Test
    void refusalsAreAnsweredAuditedAndTracedAsOnEveryRoute() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    String id = deploy(client.withToken(ApiFixture.SEVEN), "adder", "ok");
                    String path = "/functions/" + id + "/invoke";
                    HttpResponse<String> refused =
                            client.send(
                                    client.request(path)
                                            .header("x-trace-id", TRACE)
                                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                            .build());
                    assertThat(refused.statusCode()).isEqualTo(401);
                    assertThat(refused.headers().firstValue("WWW-Authenticate")).contains("Bearer");
                    assertThat(refused.headers().firstValue("x-trace-id")).contains(TRACE);
                    assertThat(new JsonObject(refused.body()).getJsonObject("error").encode())
                            .isEqualTo(
                                    new JsonObject()
                                            .put("code", "unauthorized")
                                            .put(
                                                    "message",
                                                    "no bearer token: send Authorization: Bearer"
                                                            + " TOKEN")
                                            .put("trace_id", TRACE)
                                            .encode());
                    JsonObject line = auditLines(dataDir.resolve("audit.log"), 2).get(1);
                    assertThat(line.getString("action")).isEqualTo("auth.failure");
                    assertThat(line.getString("function_id")).isEqualTo(id);
                    assertThat(line.getString("route")).isEqualTo("/functions/{id}/invoke");
                    assertThat(line.getString("method")).isEqualTo("POST");
                    assertThat(line.getString("trace_id")).isEqualTo(TRACE);

                    HttpResponse<String> answered =
                            client.withToken(ApiFixture.SEVEN)
                                    .send(
                                            client.withToken(ApiFixture.SEVEN)
                                                    .request(path)
                                                    .header("x-trace-id", TRACE)
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    "{\"args\":[1,1]}"))
                                                    .build());
                    assertThat(answered.body()).isEqualTo("{\"result\":[2]}");
                    assertThat(answered.headers().firstValue("x-trace-id")).contains(TRACE);
                    assertThat(answered.headers().firstValue("Content-Type"))
                            .contains("application/json");
                });
    }

    /** {@code {"pad":"xx..","args":[2,3]}} of the length given. */
    private static byte[] padded(int length) {
        String head = "{\"pad\":\"";
        String tail = "\",\"args\":[2,3]}";
        return (head + "x".repeat(length - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.UTF_8);
    }
}
