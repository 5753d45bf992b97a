package io.tensorwasm.ops.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.fault.FaultSettings;
import io.tensorwasm.ops.runtime.function.ExecutionMode;
import io.tensorwasm.ops.runtime.gpu.GpuMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimeConfigTest {

    @Test
    void defaultsAreThoseOfIssue4() {
        RuntimeConfig config = RuntimeConfig.fromEnvironment(Map.of());
        assertThat(config.bind()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir()).isEqualTo(Path.of("data", "runtime"));
        assertThat(config.invokeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.memoryLimitBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.maxModuleBytes()).isEqualTo(16L * 1024 * 1024);
        assertThat(config.apiTokens()).isEmpty();
        assertThat(config.auditLog()).isEqualTo("off");
        assertThat(config.executionMode()).isEqualTo(ExecutionMode.COMPILED);
        assertThat(config.gpu()).isEqualTo(GpuMode.AUTO);
        assertThat(config.build().version()).isEqualTo(RuntimeConfig.version());
        assertThat(RuntimeConfig.version()).matches("v\\d+\\.\\d+\\.\\d+");
    }

    @Test
    void readsTheEnvironment() {
        RuntimeConfig config =
                RuntimeConfig.fromEnvironment(
                        Map.of(
                                "TENSOR_WASM_API_TOKENS", "a:tenant=*",
                                "TENSOR_WASM_API_AUDIT_LOG", "stdout",
                                "TENSOR_WASM_API_RATE_LIMIT_RPS", "2.5",
                                "TENSOR_WASM_API_RATE_LIMIT_BURST", "7",
                                "TENSOR_WASM_INVOKE_TIMEOUT_MS", "250",
                                "TENSOR_WASM_MEMORY_LIMIT_MIB", "8",
                                "TENSOR_WASM_EXECUTION", "interpreted",
                                "TENSOR_WASM_DB_URL", "jdbc:postgresql://127.0.0.1/x",
                                "TENSOR_WASM_DB_USER", "rt",
                                "TENSOR_WASM_GIT_SHA", "abc1234"));
        assertThat(config.apiTokens()).isEqualTo("a:tenant=*");
        assertThat(config.auditLog()).isEqualTo("stdout");
        assertThat(config.rateLimitPerSecond()).isEqualTo(2.5);
        assertThat(config.rateLimitBurst()).isEqualTo(7);
        assertThat(config.invokeTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.memoryLimitBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(config.executionMode()).isEqualTo(ExecutionMode.INTERPRETED);
        assertThat(config.dbUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/x");
        assertThat(config.dbUser()).isEqualTo("rt");
        assertThat(config.build().gitSha()).isEqualTo("abc1234");
    }

    @Test
    void readsTheRateLimitOfRefusedRequests() {
        RuntimeConfig defaults = RuntimeConfig.fromEnvironment(Map.of());
        assertThat(defaults.authFailureRateLimitPerSecond()).isEqualTo(5);
        assertThat(defaults.authFailureRateLimitBurst()).isEqualTo(20);
        RuntimeConfig config =
                RuntimeConfig.fromEnvironment(
                        Map.of(
                                "TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_RPS", "0.5",
                                "TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_BURST", "3"));
        assertThat(config.authFailureRateLimitPerSecond()).isEqualTo(0.5);
        assertThat(config.authFailureRateLimitBurst()).isEqualTo(3);
    }

    @Test
    void readsTheQuotasTableLimitsAndCodeCache() {
        RuntimeConfig defaults = RuntimeConfig.fromEnvironment(Map.of());
        assertThat(defaults.maxFunctionsPerTenant()).isEqualTo(1000);
        assertThat(defaults.maxTenantBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(defaults.maxTables()).isEqualTo(4);
        assertThat(defaults.maxTableElements()).isEqualTo(65_536);
        assertThat(defaults.codeCacheBytes()).isEqualTo(128L * 1024 * 1024);
        RuntimeConfig config =
                RuntimeConfig.fromEnvironment(
                        Map.of(
                                "TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT", "5",
                                "TENSOR_WASM_MAX_TENANT_BYTES", "8589934592",
                                "TENSOR_WASM_MAX_TABLES", "0",
                                "TENSOR_WASM_MAX_TABLE_ELEMENTS", "100",
                                "TENSOR_WASM_CODE_CACHE_BYTES", "1048576"));
        assertThat(config.maxFunctionsPerTenant()).isEqualTo(5);
        assertThat(config.maxTenantBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(config.maxTables()).isZero();
        assertThat(config.maxTableElements()).isEqualTo(100);
        assertThat(config.codeCacheBytes()).isEqualTo(1024 * 1024);
        assertThatThrownBy(
                        () ->
                                RuntimeConfig.fromEnvironment(
                                        Map.of("TENSOR_WASM_MAX_TENANT_BYTES", "lots")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"lots\": TENSOR_WASM_MAX_TENANT_BYTES must be a whole number");
    }

    @Test
    void readsTheKernelBackendFromTensorWasmGpu() {
        assertThat(RuntimeConfig.fromEnvironment(Map.of("TENSOR_WASM_GPU", "cpu")).gpu())
                .isEqualTo(GpuMode.CPU);
        assertThatThrownBy(() -> RuntimeConfig.fromEnvironment(Map.of("TENSOR_WASM_GPU", "yes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"yes\": TENSOR_WASM_GPU must be auto, cuda or cpu");
    }

    @Test
    void readsFaultInjectionOffByDefaultAndEnabledWithAFaultAtStart() {
        assertThat(RuntimeConfig.fromEnvironment(Map.of()).faults()).isEqualTo(FaultSettings.OFF);
        RuntimeConfig config =
                RuntimeConfig.fromEnvironment(
                        Map.of(
                                "TENSOR_WASM_FAULTS", "enabled",
                                "TENSOR_WASM_FAULT_INVOKE_ERROR_RATE", "1.0"));
        assertThat(config.faults()).isEqualTo(new FaultSettings(true, 1.0));
        assertThat(config.toString())
                .endsWith(", faults=enabled (invoke_error_rate 1.0 at start)]");
    }

    @Test
    void rejectsANumberThatIsNot() {
        assertThatThrownBy(
                        () ->
                                RuntimeConfig.fromEnvironment(
                                        Map.of("TENSOR_WASM_INVOKE_TIMEOUT_MS", "5s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"5s\": TENSOR_WASM_INVOKE_TIMEOUT_MS must be a whole number");
    }

    @Test
    void printsNeitherTokensNorPassword() {
        RuntimeConfig config =
                RuntimeConfig.builder()
                        .apiTokens("hunter2:tenant=*")
                        .database("jdbc:postgresql://db/rt?password=pw1", "rt", "pw2")
                        .build();
        assertThat(config.toString())
                .contains("tokens=set")
                .doesNotContain("hunter2")
                .doesNotContain("pw1")
                .doesNotContain("pw2");
    }
}
