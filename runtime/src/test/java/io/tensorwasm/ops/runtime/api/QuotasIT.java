package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.deployTestModule;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #16, finding 3: one token deployed 2,003 functions with no refusal, and nothing limited a
 * module's tables. Per-tenant function count and module bytes, and each module's table count and
 * table size, are limits the operator sets.
 */
class QuotasIT {

    @TempDir Path dataDir;

    @Test
    void refusesADeployPastTheTenantsFunctionCount() throws Exception {
        Map<String, String> env = Map.of("TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT", "2");
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir, env).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        String first = deploy(seven, "a", "ok");
                        deploy(seven, "b", "ok");
                        HttpResponse<String> third = deployCorpus(seven, "c", "ok");
                        assertThat(third.statusCode()).isEqualTo(403);
                        assertThat(error(third))
                                .isEqualTo(
                                        "quota_exceeded: \"c\": tenant 7 already has 2 functions,"
                                                + " the most one tenant may deploy"
                                                + " (TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT); delete"
                                                + " one first");
                        deploy(client.withToken(ApiFixture.EIGHT), "other-tenant", "ok");
                        assertThat(seven.delete("/functions/" + first).statusCode()).isEqualTo(204);
                        deploy(seven, "c", "ok");
                    });
        }
    }

    @Test
    void refusesADeployPastTheTenantsModuleBytes() throws Exception {
        int size = WasmCorpus.bytes("ok").length;
        int empty = WasmCorpus.bytes("empty").length;
        Map<String, String> env =
                Map.of("TENSOR_WASM_MAX_TENANT_BYTES", Integer.toString(2 * size + empty));
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir, env).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        deploy(seven, "a", "ok");
                        deploy(seven, "b", "ok");
                        HttpResponse<String> third = deployCorpus(seven, "c", "ok");
                        assertThat(third.statusCode()).isEqualTo(403);
                        assertThat(error(third))
                                .isEqualTo(
                                        "quota_exceeded: \"c\": "
                                                + size
                                                + " bytes would bring tenant 7 to "
                                                + 3 * size
                                                + " bytes of modules, over its "
                                                + (2 * size + empty)
                                                + "-byte limit (TENSOR_WASM_MAX_TENANT_BYTES);"
                                                + " delete functions first");
                        deploy(seven, "empty", "empty");
                    });
        }
    }

    @Test
    void refusesModulesPastTheTableLimits() throws Exception {
        Map<String, String> env =
                Map.of(
                        "TENSOR_WASM_MAX_TABLES", "1",
                        "TENSOR_WASM_MAX_TABLE_ELEMENTS", "1000");
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dataDir, env).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient seven = client.withToken(ApiFixture.SEVEN);
                        assertThat(error(deployTestModule(seven, "two", "two-tables")))
                                .isEqualTo(
                                        "invalid_module: \"two\": declares 2 tables, over the"
                                                + " limit of 1 (TENSOR_WASM_MAX_TABLES)");
                        assertThat(error(deployTestModule(seven, "big", "big-table")))
                                .isEqualTo(
                                        "invalid_module: \"big\": table 0 starts at 100000"
                                                + " elements, over the 1000-element limit"
                                                + " (TENSOR_WASM_MAX_TABLE_ELEMENTS)");
                        assertThat(error(deployTestModule(seven, "grows", "growable-table")))
                                .isEqualTo(
                                        "invalid_module: \"grows\": table 0 may grow to"
                                                + " 10000000 elements (it declares no maximum),"
                                                + " over the 1000-element limit"
                                                + " (TENSOR_WASM_MAX_TABLE_ELEMENTS); declare a"
                                                + " maximum of at most 1000");
                        HttpResponse<String> small =
                                deployTestModule(seven, "small", "small-table");
                        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
                    });
        }
    }

    private static HttpResponse<String> deployCorpus(
            HarnessClient client, String name, String corpus) throws Exception {
        return client.postJson(
                "/functions",
                "{\"name\":\"" + name + "\",\"wasm_b64\":\"" + WasmCorpus.base64(corpus) + "\"}");
    }
}
