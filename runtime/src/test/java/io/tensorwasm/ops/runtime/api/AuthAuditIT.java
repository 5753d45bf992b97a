package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.auditLines;
import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tokens, tenants, rate limits and the audit log over real HTTP. */
class AuthAuditIT {

    @TempDir Path dataDir;

    @Test
    void disasterRecoverySmokeDeployAndDeleteWriteTwoAuditLines() throws Exception {
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(dataDir).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        HttpResponse<String> created =
                                admin.postJson(
                                        "/functions",
                                        "{\"name\":\"dr-smoke\",\"wasm_b64\":\"AGFzbQEAAAA=\"}");
                        assertThat(created.statusCode()).isEqualTo(201);
                        String id = new JsonObject(created.body()).getString("id");
                        assertThat(admin.delete("/functions/" + id).statusCode()).isEqualTo(204);

                        Path log = dataDir.resolve("audit.log");
                        List<JsonObject> lines = auditLines(log, 2);
                        String tokenId = services.tokenIds().of(ApiFixture.ADMIN);
                        assertThat(lines.get(0).getString("action")).isEqualTo("function.create");
                        assertThat(lines.get(0).getString("function_id")).isEqualTo(id);
                        assertThat(lines.get(0).getString("outcome")).isEqualTo("success");
                        assertThat(lines.get(0).getInteger("status")).isEqualTo(201);
                        assertThat(lines.get(0).getString("name")).isEqualTo("dr-smoke");
                        assertThat(lines.get(0).getString("token_id"))
                                .isEqualTo(tokenId)
                                .matches("[0-9a-f]{16}");
                        assertThat(lines.get(0).getJsonObject("actor").encode())
                                .isEqualTo("{\"tenant\":\"*\",\"scope\":{\"kind\":\"admin\"}}");
                        assertThat(lines.get(0).getString("time")).endsWith("Z");
                        assertThat(lines.get(1).getString("action")).isEqualTo("function.delete");
                        assertThat(lines.get(1).getString("function_id")).isEqualTo(id);
                        assertThat(lines.get(1).getInteger("status")).isEqualTo(204);
                        assertThat(Files.readString(log)).doesNotContain(ApiFixture.ADMIN);
                    });
        }
    }

    @Test
    void missingOrUnknownTokenIs401AndAudited() throws Exception {
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(dataDir).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HttpResponse<String> missing = client.get("/functions");
                        assertThat(missing.statusCode()).isEqualTo(401);
                        assertThat(missing.headers().firstValue("WWW-Authenticate"))
                                .contains("Bearer");
                        assertThat(error(missing))
                                .isEqualTo(
                                        "unauthorized: no bearer token: send Authorization: Bearer TOKEN");
                        HttpResponse<String> wrong =
                                client.withToken("not-a-t0ken").postJson("/functions", "{}");
                        assertThat(wrong.statusCode()).isEqualTo(401);
                        assertThat(error(wrong))
                                .isEqualTo("unauthorized: bearer token not recognised");

                        List<JsonObject> lines = auditLines(dataDir.resolve("audit.log"), 2);
                        assertThat(lines)
                                .allSatisfy(
                                        l ->
                                                assertThat(l.getString("action"))
                                                        .isEqualTo("auth.failure"));
                        assertThat(lines.get(0).containsKey("token_id")).isFalse();
                        assertThat(lines.get(1).getString("token_id"))
                                .isEqualTo(services.tokenIds().of("not-a-t0ken"));
                        assertThat(lines.get(1).getString("route")).isEqualTo("/functions");
                        assertThat(Files.readString(dataDir.resolve("audit.log")))
                                .doesNotContain("not-a-t0ken");
                    });
        }
    }

    /**
     * Issue #16, finding 9: refused requests were not rate limited, and each wrote an audit line,
     * so anyone could flood the audit log. They take tokens from a bucket per remote address, and
     * past the first ten per address and minute their audit lines become one count.
     */
    @Test
    void refusedRequestsAreRateLimitedPerAddressAndTheirAuditIsBounded() throws Exception {
        Path log = dataDir.resolve("audit.log");
        int sent = 60;
        List<Integer> statuses = new ArrayList<>();
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(dataDir).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient wrong = client.withToken("not-a-t0ken");
                        HttpResponse<String> limited = null;
                        for (int i = 0; i < sent; i++) {
                            HttpResponse<String> r =
                                    i % 2 == 0
                                            ? wrong.postJson("/functions", "{}")
                                            : client.get("/functions");
                            statuses.add(r.statusCode());
                            if (r.statusCode() == 429 && limited == null) {
                                limited = r;
                            }
                        }
                        assertThat(statuses.subList(0, 20)).containsOnly(401);
                        assertThat(statuses).containsOnly(401, 429);
                        assertThat(Collections.frequency(statuses, 429)).isGreaterThan(sent / 2);
                        assertThat(limited).isNotNull();
                        assertThat(limited.headers().firstValue("Retry-After")).contains("1");
                        assertThat(error(limited))
                                .isEqualTo(
                                        "rate_limited: 127.0.0.1: over the rate limit of 5.0"
                                                + " refused requests per second from one address"
                                                + " (burst 20); retry in 1 s");
                        // A good token is never held back by the address's refusals.
                        assertThat(
                                        client.withToken(ApiFixture.SEVEN)
                                                .postJson(
                                                        "/functions",
                                                        "{\"name\":\"x\",\"wasm_b64\":\""
                                                                + WasmCorpus.EMPTY_BASE64
                                                                + "\"}")
                                                .statusCode())
                                .isEqualTo(201);
                    });
        }
        // Closing the services writes the counts of the minute that was still open.
        List<JsonObject> refusals =
                auditLines(log, 1).stream()
                        .filter(l -> l.getString("action").equals("auth.failure"))
                        .toList();
        assertThat(refusals.size()).isLessThanOrEqualTo(12);
        assertThat(refusals.subList(0, 10))
                .allSatisfy(
                        l -> {
                            assertThat(l.getString("remote_address")).isEqualTo("127.0.0.1");
                            assertThat(l.containsKey("count")).isFalse();
                        });
        assertThat(refusals.subList(10, refusals.size()))
                .allSatisfy(
                        l -> {
                            assertThat(l.getString("remote_address")).isEqualTo("127.0.0.1");
                            assertThat(l.getString("outcome")).isIn("unauthorized", "rate_limited");
                            assertThat(l.getString("window_start")).endsWith("Z");
                        });
        assertThat(refusals.stream().mapToInt(l -> l.getInteger("count", 1)).sum()).isEqualTo(sent);
        assertThat(
                        refusals.stream()
                                .filter(l -> l.getString("outcome").equals("rate_limited"))
                                .mapToInt(l -> l.getInteger("count", 1))
                                .sum())
                .isEqualTo(Collections.frequency(statuses, 429));
    }

    @Test
    void anotherTenantsFunctionAndJobAre403() throws Exception {
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(dataDir).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        HarnessClient eight = client.withToken(ApiFixture.EIGHT);
                        String id = deploy(seven, "adder", "ok");
                        HttpResponse<String> invoke =
                                eight.postJson("/functions/" + id + "/invoke", "{\"args\":[1,2]}");
                        assertThat(invoke.statusCode()).isEqualTo(403);
                        assertThat(error(invoke))
                                .isEqualTo(
                                        "forbidden: "
                                                + id
                                                + ": belongs to another tenant; tenant 8 may not use it");
                        assertThat(eight.get("/functions/" + id).statusCode()).isEqualTo(403);
                        assertThat(eight.delete("/functions/" + id).statusCode()).isEqualTo(403);
                        String job =
                                new JsonObject(
                                                seven.postJson(
                                                                "/functions/"
                                                                        + id
                                                                        + "/invoke-async",
                                                                "{\"args\":[1,2]}")
                                                        .body())
                                        .getString("job_id");
                        assertThat(eight.get("/jobs/" + job).statusCode()).isEqualTo(403);
                        assertThat(
                                        client.withToken(ApiFixture.ADMIN)
                                                .get("/jobs/" + job)
                                                .statusCode())
                                .isEqualTo(200);
                        assertThat(
                                        client.withToken(ApiFixture.ADMIN)
                                                .postJson(
                                                        "/functions/" + id + "/invoke",
                                                        "{\"args\":[1,2]}")
                                                .body())
                                .isEqualTo("{\"result\":[3]}");

                        List<JsonObject> lines = auditLines(dataDir.resolve("audit.log"), 3);
                        JsonObject denied =
                                lines.stream()
                                        .filter(
                                                l ->
                                                        l.getString("action")
                                                                .equals("function.delete"))
                                        .findFirst()
                                        .orElseThrow();
                        assertThat(denied.getString("outcome")).isEqualTo("forbidden");
                        assertThat(denied.getInteger("status")).isEqualTo(403);
                        assertThat(
                                        lines.stream()
                                                .filter(
                                                        l ->
                                                                l.getString("action")
                                                                        .equals(
                                                                                "function.invoke-async")))
                                .singleElement()
                                .satisfies(l -> assertThat(l.getString("job_id")).isEqualTo(job));
                    });
        }
    }

    @Test
    void rateLimitIs429WithRetryAfterAndLeavesReadsAlone() throws Exception {
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir).rateLimit(0.1, 2).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        String id = deploy(seven, "adder", "ok");
                        assertThat(
                                        seven.postJson(
                                                        "/functions/" + id + "/invoke",
                                                        "{\"args\":[1,1]}")
                                                .statusCode())
                                .isEqualTo(200);
                        HttpResponse<String> limited =
                                seven.postJson("/functions/" + id + "/invoke", "{\"args\":[1,1]}");
                        assertThat(limited.statusCode()).isEqualTo(429);
                        assertThat(limited.headers().firstValue("Retry-After"))
                                .hasValueSatisfying(
                                        v -> assertThat(Long.parseLong(v)).isBetween(1L, 10L));
                        assertThat(error(limited))
                                .startsWith(
                                        "rate_limited: tenant 7: over the rate limit of 0.1"
                                                + " state-changing requests per second (burst 2); retry in ");
                        assertThat(seven.get("/functions/" + id).statusCode()).isEqualTo(200);
                        assertThat(
                                        client.withToken(ApiFixture.EIGHT)
                                                .postJson(
                                                        "/functions",
                                                        "{\"name\":\"x\",\"wasm_b64\":\""
                                                                + WasmCorpus.EMPTY_BASE64
                                                                + "\"}")
                                                .statusCode())
                                .isEqualTo(201);
                    });
        }
    }

    @Test
    void devModeAdmitsEveryoneAndSaysSoInTheAudit() throws Exception {
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir).apiTokens("").build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        String id = deploy(client, "dr-smoke", "empty");
                        assertThat(client.get("/functions/" + id).statusCode()).isEqualTo(200);
                        JsonObject line = auditLines(dataDir.resolve("audit.log"), 1).get(0);
                        assertThat(line.getJsonObject("actor").encode())
                                .isEqualTo("{\"tenant\":\"dev\",\"scope\":{\"kind\":\"dev\"}}");
                    });
        }
    }
}
