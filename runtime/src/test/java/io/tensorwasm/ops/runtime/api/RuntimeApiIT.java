package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route and every error of the API over real HTTP, with the corpus modules. */
class RuntimeApiIT {

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
    void healthzAnswersOkWithoutAToken() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HttpResponse<String> response = client.get("/healthz");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("{\"status\":\"ok\"}");
                    assertThat(response.headers().firstValue("Content-Type"))
                            .contains("application/json");
                });
    }

    @Test
    void deploysListsDescribesInvokesAndDeletes() throws Exception {
        ApiFixture.serve(
                services,
                (port, anonymous) -> {
                    HarnessClient seven = anonymous.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "adder", "ok");
                    assertThat(id).matches("fn_[0-9a-f]{20}");

                    JsonArray listed =
                            new JsonObject(seven.get("/functions").body())
                                    .getJsonArray("functions");
                    assertThat(listed).hasSize(1);
                    JsonObject summary = new JsonObject(seven.get("/functions/" + id).body());
                    assertThat(summary.getString("name")).isEqualTo("adder");
                    assertThat(summary.getString("tenant")).isEqualTo("7");
                    assertThat(summary.getString("mode")).isEqualTo("compiled");
                    assertThat(summary.getJsonArray("exports").encode())
                            .isEqualTo(
                                    "[{\"name\":\"add\",\"params\":[\"i32\",\"i32\"],\"results\":[\"i32\"]}]");

                    HttpResponse<String> named =
                            seven.postJson(
                                    "/functions/" + id + "/invoke",
                                    "{\"export\":\"add\",\"args\":[2,3]}");
                    assertThat(named.statusCode()).isEqualTo(200);
                    assertThat(named.body()).isEqualTo("{\"result\":[5]}");
                    assertThat(
                                    seven.postJson(
                                                    "/functions/" + id + "/invoke",
                                                    "{\"args\":[40,2]}")
                                            .body())
                            .isEqualTo("{\"result\":[42]}");

                    assertThat(seven.delete("/functions/" + id).statusCode()).isEqualTo(204);
                    HttpResponse<String> gone = seven.get("/functions/" + id);
                    assertThat(gone.statusCode()).isEqualTo(404);
                    assertThat(error(gone))
                            .isEqualTo("function_not_found: " + id + ": no function with this id");
                });
    }

    @Test
    void listShowsOnlyTheCallersTenantAndAllToAnAdmin() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    deploy(client.withToken(ApiFixture.SEVEN), "a", "ok");
                    deploy(client.withToken(ApiFixture.EIGHT), "b", "ok");
                    assertThat(names(client.withToken(ApiFixture.SEVEN))).containsExactly("a");
                    assertThat(names(client.withToken(ApiFixture.EIGHT))).containsExactly("b");
                    assertThat(names(client.withToken(ApiFixture.ADMIN))).containsExactly("a", "b");
                });
    }

    @Test
    void malformedWasmIs400() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HttpResponse<String> response =
                            client.withToken(ApiFixture.SEVEN)
                                    .postJson(
                                            "/functions",
                                            new JsonObject()
                                                    .put("name", "bad")
                                                    .put("wasm_b64", WasmCorpus.base64("malformed"))
                                                    .encode());
                    assertThat(response.statusCode()).isEqualTo(400);
                    assertThat(error(response))
                            .isEqualTo(
                                    "invalid_module: \"bad\": not a Wasm module: starts with"
                                            + " [4e 4f 54 57] instead of the magic header [00 61 73 6d]");
                });
    }

    @Test
    void badJsonAndBadArgumentsAre400() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    HttpResponse<String> notJson = seven.postJson("/functions", "{name:");
                    assertThat(error(notJson))
                            .isEqualTo("invalid_request: request body: not a JSON object");
                    HttpResponse<String> noName =
                            seven.postJson("/functions", "{\"wasm_b64\":\"AGFzbQEAAAA=\"}");
                    assertThat(error(noName))
                            .isEqualTo(
                                    "invalid_request: missing: \"name\" must be a non-empty string");
                    String id = deploy(seven, "adder", "ok");
                    HttpResponse<String> oneArg =
                            seven.postJson("/functions/" + id + "/invoke", "{\"args\":[1]}");
                    assertThat(oneArg.statusCode()).isEqualTo(400);
                    assertThat(error(oneArg))
                            .isEqualTo(
                                    "invalid_request: 1 arguments: adder.add takes 2 [i32, i32]");
                });
    }

    @Test
    void unknownFunctionAndJobAre404() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    HttpResponse<String> invoke = seven.postJson("/functions/fn_nope/invoke", "{}");
                    assertThat(invoke.statusCode()).isEqualTo(404);
                    assertThat(error(invoke))
                            .isEqualTo("function_not_found: fn_nope: no function with this id");
                    assertThat(seven.delete("/functions/fn_nope").statusCode()).isEqualTo(404);
                    HttpResponse<String> job = seven.get("/jobs/job_nope");
                    assertThat(job.statusCode()).isEqualTo(404);
                    assertThat(error(job))
                            .isEqualTo("function_not_found: job_nope: no job with this id");
                    HttpResponse<String> route = seven.get("/nowhere");
                    assertThat(route.statusCode()).isEqualTo(404);
                    assertThat(error(route)).isEqualTo("not_found: /nowhere: no such route");
                });
    }

    @Test
    void trapIs422WithTheTrapMessage() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String trap = deploy(seven, "trap", "trap");
                    HttpResponse<String> response =
                            seven.postJson("/functions/" + trap + "/invoke", "");
                    assertThat(response.statusCode()).isEqualTo(422);
                    assertThat(error(response))
                            .isEqualTo(
                                    "trap: trap.run: trapped: Trapped on unreachable instruction");
                    String hog = deploy(seven, "hog", "memory-hog");
                    assertThat(error(seven.postJson("/functions/" + hog + "/invoke", "")))
                            .isEqualTo(
                                    "trap: hog.run: trapped: out of bounds memory access after memory"
                                            + " reached the per-instance cap of 4 MiB (64 pages)");
                });
    }

    @Test
    void endlessFunctionIs504AtTheDeadline() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "endless", "endless");
                    long start = System.nanoTime();
                    HttpResponse<String> response =
                            seven.postJson("/functions/" + id + "/invoke", "");
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertThat(response.statusCode()).isEqualTo(504);
                    assertThat(error(response))
                            .isEqualTo(
                                    "deadline_exceeded: endless.run: still running at its 300 ms deadline; stopped");
                    assertThat(millis).isBetween(300L, 3_000L);
                    assertThat(seven.get("/healthz").statusCode()).isEqualTo(200);
                });
    }

    @Test
    void callerMayShortenButNotLengthenTheDeadline() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String id = deploy(seven, "endless", "endless");
                    HttpResponse<String> shorter =
                            seven.postJson("/functions/" + id + "/invoke", "{\"timeout_ms\":50}");
                    assertThat(error(shorter))
                            .isEqualTo(
                                    "deadline_exceeded: endless.run: still running at its 50 ms"
                                            + " deadline; stopped");
                    HttpResponse<String> longer =
                            seven.postJson("/functions/" + id + "/invoke", "{\"timeout_ms\":301}");
                    assertThat(longer.statusCode()).isEqualTo(400);
                    assertThat(error(longer))
                            .isEqualTo(
                                    "invalid_request: 301: \"timeout_ms\" must be a whole number"
                                            + " from 1 to 300");
                });
    }

    @Test
    void oversizedBodyAndModuleAre413() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String huge =
                            "{\"name\":\"big\",\"wasm_b64\":\"" + "A".repeat(70 * 1024) + "\"}";
                    HttpResponse<String> body = seven.postJson("/functions", huge);
                    assertThat(body.statusCode()).isEqualTo(413);
                    assertThat(error(body))
                            .isEqualTo("body_too_large: request body over the 65536-byte limit");
                    byte[] module = new byte[20 * 1024];
                    System.arraycopy(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0}, 0, module, 0, 8);
                    HttpResponse<String> tooBig =
                            seven.postJson(
                                    "/functions",
                                    new JsonObject()
                                            .put("name", "big")
                                            .put(
                                                    "wasm_b64",
                                                    Base64.getEncoder().encodeToString(module))
                                            .encode());
                    assertThat(tooBig.statusCode()).isEqualTo(413);
                    assertThat(error(tooBig))
                            .isEqualTo(
                                    "body_too_large: 20480 bytes: module \"big\" is over the 16384-byte module limit");
                });
    }

    @Test
    void asyncJobRunsAndReportsItsResultOrItsError() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                    String ok = deploy(seven, "adder", "ok");
                    HttpResponse<String> accepted =
                            seven.postJson(
                                    "/functions/" + ok + "/invoke-async", "{\"args\":[20,22]}");
                    assertThat(accepted.statusCode()).isEqualTo(202);
                    JsonObject job = new JsonObject(accepted.body());
                    assertThat(job.getString("status")).isEqualTo("pending");
                    JsonObject done = awaitJob(seven, job.getString("job_id"));
                    assertThat(done.getString("status")).isEqualTo("succeeded");
                    assertThat(done.getJsonArray("result").encode()).isEqualTo("[42]");
                    assertThat(done.getString("function_id")).isEqualTo(ok);

                    String endless = deploy(seven, "endless", "endless");
                    String failedId =
                            new JsonObject(
                                            seven.postJson(
                                                            "/functions/"
                                                                    + endless
                                                                    + "/invoke-async",
                                                            "")
                                                    .body())
                                    .getString("job_id");
                    JsonObject failed = awaitJob(seven, failedId);
                    assertThat(failed.getString("status")).isEqualTo("failed");
                    assertThat(failed.getJsonObject("error").getString("code"))
                            .isEqualTo("deadline_exceeded");
                    assertThat(new String(services.metrics().scrape()))
                            .contains("tensor_wasm_jobs_in_flight 0.0");
                });
    }

    @Test
    void metricsServesThePrometheusTextFormat() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    client.get("/healthz");
                    assertThat(client.get("/no-such-route").statusCode()).isEqualTo(404);
                    HttpResponse<String> metrics = client.get("/metrics");
                    assertThat(metrics.statusCode()).isEqualTo(200);
                    assertThat(metrics.headers().firstValue("Content-Type").orElseThrow())
                            .startsWith("text/plain; version=0.0.4");
                    assertThat(metrics.body())
                            .contains(
                                    "tensor_wasm_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1.0")
                            .contains(
                                    "tensor_wasm_http_request_duration_seconds_count{method=\"GET\",route=\"/healthz\"} 1")
                            .contains(
                                    "tensor_wasm_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0")
                            .contains("tensor_wasm_build_info{");
                });
    }

    @Test
    void wrongMethodIs405() throws Exception {
        ApiFixture.serve(
                services,
                (port, client) -> {
                    HttpResponse<String> response =
                            client.send(
                                    client.request("/healthz")
                                            .method("PUT", HttpRequest.BodyPublishers.noBody())
                                            .build());
                    assertThat(response.statusCode()).isEqualTo(405);
                    assertThat(error(response))
                            .isEqualTo("method_not_allowed: PUT /healthz: method not allowed");
                });
    }

    private static List<String> names(HarnessClient client) throws Exception {
        JsonArray functions =
                new JsonObject(client.get("/functions").body()).getJsonArray("functions");
        return functions.stream().map(f -> ((JsonObject) f).getString("name")).toList();
    }

    private static JsonObject awaitJob(HarnessClient client, String jobId) throws Exception {
        for (int i = 0; i < 300; i++) {
            JsonObject job = new JsonObject(client.get("/jobs/" + jobId).body());
            if (job.getString("status").equals("succeeded")
                    || job.getString("status").equals("failed")) {
                return job;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(jobId + ": not finished after 3 s");
    }
}
