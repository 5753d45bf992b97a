package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16, finding 2: a module that feeds the host imports edge values ends every invoke within
 * its deadline + 1 s with a trap that names the value, every async job finishes, and the gauges
 * return to 0.
 */
class HostileModulesIT {

    private static final Duration DEADLINE = Duration.ofMillis(300);
    private static final Duration BOUND = DEADLINE.plusSeconds(1);
    private static final String MATRIX =
            " in tensor_wasm.matmul: over the 16384 floats the" + " 65536-byte memory holds";

    /** Each export of {@code modules/hostile-kernels.wat} and the trap it must end with. */
    private static final Map<String, String> TRAPS = new LinkedHashMap<>();

    static {
        TRAPS.put("matmul_wide_n", "n = 2147483648" + MATRIX);
        TRAPS.put("matmul_deep_k", "k = 2147483648" + MATRIX);
        TRAPS.put("matmul_max_k", "k = 2147483647" + MATRIX);
        TRAPS.put("matmul_tall_m", "m = 4294967295" + MATRIX);
        TRAPS.put(
                "vec_add_wraps",
                "x at 4 + 1073741824 floats in tensor_wasm.vec_add: ends at byte 4294967300,"
                        + " past the 65536-byte memory");
        TRAPS.put(
                "saxpy_all_ones",
                "x at 4294967295 + 4294967295 floats in tensor_wasm.saxpy: ends at byte"
                        + " 21474836475, past the 65536-byte memory");
        TRAPS.put(
                "dot_past_end",
                "x at 65536 + 1 floats in tensor_wasm.dot: ends at byte 65540, past the"
                        + " 65536-byte memory");
        TRAPS.put(
                "sum_min",
                "x at 2147483648 + 2147483648 floats in tensor_wasm.sum: ends at byte"
                        + " 10737418240, past the 65536-byte memory");
    }

    @TempDir Path dataDir;

    @Test
    void everyInvokeEndsWithinItsDeadlineWithATrapAndTheGaugesReturnToZero() throws Exception {
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir).invokeTimeout(DEADLINE).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        String id = deployHostile(seven);
                        List<String> jobs = new ArrayList<>();
                        for (Map.Entry<String, String> trap : TRAPS.entrySet()) {
                            String body = "{\"export\":\"" + trap.getKey() + "\"}";
                            long start = System.nanoTime();
                            HttpResponse<String> sync =
                                    seven.send(post(seven, "/functions/" + id + "/invoke", body));
                            Duration took = Duration.ofNanos(System.nanoTime() - start);
                            assertThat(took).as(trap.getKey()).isLessThan(BOUND);
                            assertThat(error(sync))
                                    .isEqualTo(
                                            "trap: hostile."
                                                    + trap.getKey()
                                                    + ": trapped: "
                                                    + trap.getValue());
                            HttpResponse<String> accepted =
                                    seven.send(
                                            post(
                                                    seven,
                                                    "/functions/" + id + "/invoke-async",
                                                    body));
                            assertThat(accepted.statusCode()).isEqualTo(202);
                            jobs.add(new JsonObject(accepted.body()).getString("job_id"));
                        }
                        for (String job : jobs) {
                            JsonObject done = awaitJob(seven, job);
                            assertThat(done.getString("status")).as(job).isEqualTo("failed");
                            assertThat(done.getJsonObject("error").getString("code"))
                                    .isEqualTo("trap");
                        }
                        assertThat(settled(services))
                                .contains("tensor_wasm_jobs_in_flight 0.0")
                                .contains("tensor_wasm_active_instances 0.0");
                    });
        }
    }

    /**
     * Chicory's {@code table.grow} adds the delta to the size in int arithmetic: a delta near 2^31
     * wraps past the table's maximum and reaches {@code Arrays.copyOf} with a negative length. The
     * guest gets no trap, but the invoke still ends, as a 500.
     */
    @Test
    void aTableGrowThatWrapsAroundEndsWithinItsDeadline() throws Exception {
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir).invokeTimeout(DEADLINE).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        HttpResponse<String> deployed =
                                ApiFixture.deployTestModule(seven, "tables", "small-table");
                        String id = new JsonObject(deployed.body()).getString("id");
                        assertThat(invoke(seven, id, "{\"args\":[20]}").body())
                                .isEqualTo("{\"result\":[-1]}");
                        long start = System.nanoTime();
                        HttpResponse<String> wrapped = invoke(seven, id, "{\"args\":[2147483647]}");
                        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
                        assertThat(wrapped.statusCode()).isEqualTo(500);
                        assertThat(error(wrapped))
                                .isEqualTo("internal: internal error; see the server log");
                        assertThat(settled(services))
                                .contains("tensor_wasm_invocations_total{outcome=\"error\"} 1.0")
                                .contains("tensor_wasm_active_instances 0.0");
                    });
        }
    }

    /**
     * The metrics once no instance runs and no job is in flight, or as they stand after the
     * deadline + 1 s: a worker lowers the gauge just after it has answered.
     */
    private static String settled(RuntimeServices services) throws InterruptedException {
        long end = System.nanoTime() + BOUND.toNanos();
        String scrape;
        do {
            scrape = new String(services.metrics().scrape(), StandardCharsets.UTF_8);
            if (scrape.contains("tensor_wasm_active_instances 0.0")
                    && scrape.contains("tensor_wasm_jobs_in_flight 0.0")) {
                return scrape;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
        return scrape;
    }

    private static HttpResponse<String> invoke(HarnessClient client, String id, String body)
            throws Exception {
        return client.send(post(client, "/functions/" + id + "/invoke", body));
    }

    private static HttpRequest post(HarnessClient client, String path, String json) {
        return client.request(path)
                .timeout(BOUND.plusSeconds(1))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static String deployHostile(HarnessClient client) throws Exception {
        HttpResponse<String> response =
                client.postJson(
                        "/functions",
                        new JsonObject()
                                .put("name", "hostile")
                                .put(
                                        "wasm_b64",
                                        Base64.getEncoder()
                                                .encodeToString(module("hostile-kernels")))
                                .encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("id");
    }

    /** The job once it has ended, or as it stands after waiting the deadline + 1 s more. */
    private static JsonObject awaitJob(HarnessClient client, String jobId) throws Exception {
        long end = System.nanoTime() + BOUND.toNanos();
        JsonObject job;
        do {
            job = new JsonObject(client.get("/jobs/" + jobId).body());
            if (!job.getString("status").equals("pending")
                    && !job.getString("status").equals("running")) {
                return job;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < end);
        return job;
    }

    static byte[] module(String name) {
        String resource = "/modules/" + name + ".wasm";
        try (InputStream in = HostileModulesIT.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": no such test module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
