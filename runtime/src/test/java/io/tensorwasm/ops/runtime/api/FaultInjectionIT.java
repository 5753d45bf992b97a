package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.auditLines;
import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.fault.FaultSettings;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fault injection over real HTTP: off by default, admin only, cleared by DELETE or a restart. */
class FaultInjectionIT {

    private static final String ADD = "{\"export\":\"add\",\"args\":[2,3]}";

    @TempDir Path dataDir;

    @Test
    void hasNoFaultRouteUnlessEnabled() throws Exception {
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(dataDir).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HttpResponse<String> set =
                                client.withToken(ApiFixture.ADMIN)
                                        .postJson("/admin/faults", "{\"invoke_error_rate\":1.0}");
                        assertThat(set.statusCode()).isEqualTo(404);
                        assertThat(error(set)).isEqualTo("not_found: /admin/faults: no such route");
                    });
        }
    }

    @Test
    void anAdminMakesInvokesFailUntilTheFaultIsCleared() throws Exception {
        try (RuntimeServices services = enabled(FaultSettings.parse("enabled", null))) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        String id = deploy(admin, "adder", "ok");
                        String invoke = "/functions/" + id + "/invoke";
                        assertThat(admin.postJson(invoke, ADD).statusCode()).isEqualTo(200);

                        HttpResponse<String> set =
                                admin.postJson("/admin/faults", "{\"invoke_error_rate\":1.0}");
                        assertThat(set.statusCode()).isEqualTo(200);
                        assertThat(set.body()).isEqualTo("{\"invoke_error_rate\":1.0}");
                        HttpResponse<String> failed = admin.postJson(invoke, ADD);
                        assertThat(failed.statusCode()).isEqualTo(500);
                        assertThat(error(failed))
                                .isEqualTo(
                                        "injected_fault: "
                                                + id
                                                + ": failed on purpose; fault injection fails 100 %"
                                                + " of invokes until DELETE /admin/faults");
                        assertThat(admin.postJson(invoke + "-async", ADD).statusCode())
                                .isEqualTo(500);
                        assertThat(admin.get("/admin/faults").body())
                                .isEqualTo("{\"invoke_error_rate\":1.0}");

                        assertThat(admin.delete("/admin/faults").statusCode()).isEqualTo(204);
                        assertThat(admin.postJson(invoke, ADD).body())
                                .isEqualTo("{\"result\":[5]}");
                        assertThat(client.get("/metrics").body().lines())
                                .anyMatch(
                                        line ->
                                                line.startsWith("tensor_wasm_http_requests_total{")
                                                        && line.contains(
                                                                "route=\"/functions/{id}/invoke\"")
                                                        && line.contains("status=\"500\"")
                                                        && line.endsWith(" 1.0"));
                    });
            List<JsonObject> audit = auditLines(dataDir.resolve("audit.log"), 4);
            assertThat(audit)
                    .extracting(a -> a.getString("action"))
                    .contains("fault.set", "fault.clear");
            JsonObject set =
                    audit.stream()
                            .filter(a -> a.getString("action").equals("fault.set"))
                            .findFirst()
                            .orElseThrow();
            assertThat(set.getDouble("invoke_error_rate")).isEqualTo(1.0);
        }
    }

    @Test
    void refusesATenantAndABadRate() throws Exception {
        try (RuntimeServices services = enabled(FaultSettings.parse("enabled", null))) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HttpResponse<String> tenant =
                                client.withToken(ApiFixture.SEVEN)
                                        .postJson("/admin/faults", "{\"invoke_error_rate\":1}");
                        assertThat(tenant.statusCode()).isEqualTo(403);
                        assertThat(error(tenant))
                                .isEqualTo(
                                        "forbidden: tenant 7: only an admin may read or set faults");
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        assertThat(
                                        error(
                                                admin.postJson(
                                                        "/admin/faults",
                                                        "{\"invoke_error_rate\":2}")))
                                .isEqualTo(
                                        "invalid_request: 2.0: invoke_error_rate is a share of"
                                                + " invokes, from 0 to 1");
                        assertThat(error(admin.postJson("/admin/faults", "{\"rate\":1}")))
                                .isEqualTo(
                                        "invalid_request: missing: \"invoke_error_rate\" must be a"
                                                + " number from 0 to 1");
                        assertThat(
                                        HarnessClient.of(port)
                                                .postJson("/admin/faults", "{}")
                                                .statusCode())
                                .isEqualTo(401);
                    });
        }
    }

    @Test
    void aFaultSetAtStartComesBackAfterARestartButOneSetOverHttpDoesNot() throws Exception {
        try (RuntimeServices first = enabled(FaultSettings.parse("enabled", null))) {
            first.faults().invokeErrorRate(1.0);
        }
        try (RuntimeServices restarted = enabled(FaultSettings.parse("enabled", null))) {
            assertThat(restarted.faults().invokeErrorRate()).isZero();
        }
        try (RuntimeServices atStart = enabled(FaultSettings.parse("enabled", "1"))) {
            ApiFixture.serve(
                    atStart,
                    (port, client) -> {
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        String id = deploy(admin, "adder", "ok");
                        assertThat(admin.postJson("/functions/" + id + "/invoke", ADD).statusCode())
                                .isEqualTo(500);
                    });
        }
    }

    private RuntimeServices enabled(FaultSettings faults) {
        return RuntimeServices.open(ApiFixture.config(dataDir).faults(faults).build());
    }
}
