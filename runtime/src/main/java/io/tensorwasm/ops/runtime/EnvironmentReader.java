package io.tensorwasm.ops.runtime;

import io.tensorwasm.ops.runtime.fault.FaultSettings;
import io.tensorwasm.ops.runtime.function.ExecutionMode;
import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/** Reads the {@code TENSOR_WASM_*} variables into a config builder; docs/API.md lists them. */
final class EnvironmentReader {

    private EnvironmentReader() {}

    static RuntimeConfig.Builder read(Map<String, String> env, RuntimeConfig.Builder b) {
        RuntimeConfig defaults = b.build();
        readServer(env, b);
        readApi(env, b, defaults);
        readAuthFailureLimit(env, b, defaults);
        readLimits(env, b);
        readQuotas(env, b, defaults);
        b.faults(
                FaultSettings.parse(
                        env.get("TENSOR_WASM_FAULTS"),
                        env.get("TENSOR_WASM_FAULT_INVOKE_ERROR_RATE")));
        BuildInfo build = defaults.build();
        b.build(
                new BuildInfo(
                        build.version(),
                        env.getOrDefault("TENSOR_WASM_GIT_SHA", build.gitSha()),
                        build.javaVersion(),
                        env.getOrDefault("TENSOR_WASM_PROFILE", build.profile()),
                        build.target()));
        return b;
    }

    private static void readServer(Map<String, String> env, RuntimeConfig.Builder b) {
        set(env, "TENSOR_WASM_BIND", b::bind);
        set(env, "TENSOR_WASM_PORT", v -> b.port(integer("TENSOR_WASM_PORT", v)));
        set(env, "TENSOR_WASM_DATA_DIR", v -> b.dataDir(Path.of(v)));
        set(
                env,
                "TENSOR_WASM_DB_URL",
                v ->
                        b.database(
                                v,
                                env.getOrDefault("TENSOR_WASM_DB_USER", ""),
                                env.getOrDefault("TENSOR_WASM_DB_PASSWORD", "")));
        set(env, "TENSOR_WASM_WORKERS", v -> b.workers(integer("TENSOR_WASM_WORKERS", v)));
        set(env, "TENSOR_WASM_QUEUE", v -> b.queueCapacity(integer("TENSOR_WASM_QUEUE", v)));
        set(env, "TENSOR_WASM_EXECUTION", v -> b.executionMode(ExecutionMode.parse(v)));
        set(env, "TENSOR_WASM_GPU", v -> b.gpu(GpuMode.parse(v)));
    }

    private static void readApi(
            Map<String, String> env, RuntimeConfig.Builder b, RuntimeConfig defaults) {
        set(env, "TENSOR_WASM_API_TOKENS", b::apiTokens);
        set(env, "TENSOR_WASM_API_AUDIT_LOG", b::auditLog);
        String segmentBytes = env.get("TENSOR_WASM_API_AUDIT_SEGMENT_BYTES");
        String segmentSeconds = env.get("TENSOR_WASM_API_AUDIT_SEGMENT_SECONDS");
        if (segmentBytes != null || segmentSeconds != null) {
            b.auditSegments(
                    segmentBytes == null
                            ? defaults.auditSegmentBytes()
                            : whole("TENSOR_WASM_API_AUDIT_SEGMENT_BYTES", segmentBytes),
                    segmentSeconds == null
                            ? defaults.auditSegmentAge()
                            : Duration.ofSeconds(
                                    whole(
                                            "TENSOR_WASM_API_AUDIT_SEGMENT_SECONDS",
                                            segmentSeconds)));
        }
        set(env, "OTEL_EXPORTER_OTLP_ENDPOINT", b::otlpEndpoint);
        String rps = env.get("TENSOR_WASM_API_RATE_LIMIT_RPS");
        String burst = env.get("TENSOR_WASM_API_RATE_LIMIT_BURST");
        if (rps != null || burst != null) {
            b.rateLimit(
                    rps == null
                            ? defaults.rateLimitPerSecond()
                            : number("TENSOR_WASM_API_RATE_LIMIT_RPS", rps),
                    burst == null
                            ? defaults.rateLimitBurst()
                            : integer("TENSOR_WASM_API_RATE_LIMIT_BURST", burst));
        }
    }

    private static void readAuthFailureLimit(
            Map<String, String> env, RuntimeConfig.Builder b, RuntimeConfig defaults) {
        String rps = env.get("TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_RPS");
        String burst = env.get("TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_BURST");
        if (rps != null || burst != null) {
            b.authFailureRateLimit(
                    rps == null
                            ? defaults.authFailureRateLimitPerSecond()
                            : number("TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_RPS", rps),
                    burst == null
                            ? defaults.authFailureRateLimitBurst()
                            : integer("TENSOR_WASM_API_AUTH_FAILURE_RATE_LIMIT_BURST", burst));
        }
    }

    private static void readLimits(Map<String, String> env, RuntimeConfig.Builder b) {
        set(
                env,
                "TENSOR_WASM_INVOKE_TIMEOUT_MS",
                v ->
                        b.invokeTimeout(
                                Duration.ofMillis(integer("TENSOR_WASM_INVOKE_TIMEOUT_MS", v))));
        set(
                env,
                "TENSOR_WASM_MEMORY_LIMIT_MIB",
                v -> b.memoryLimitBytes(integer("TENSOR_WASM_MEMORY_LIMIT_MIB", v) * 1024L * 1024));
        set(
                env,
                "TENSOR_WASM_MAX_BODY_BYTES",
                v -> b.maxBodyBytes(integer("TENSOR_WASM_MAX_BODY_BYTES", v)));
        set(
                env,
                "TENSOR_WASM_MAX_MODULE_BYTES",
                v -> b.maxModuleBytes(integer("TENSOR_WASM_MAX_MODULE_BYTES", v)));
        set(
                env,
                "TENSOR_WASM_CODE_CACHE_BYTES",
                v -> b.codeCacheBytes(whole("TENSOR_WASM_CODE_CACHE_BYTES", v)));
    }

    private static void readQuotas(
            Map<String, String> env, RuntimeConfig.Builder b, RuntimeConfig defaults) {
        String functions = present(env, "TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT");
        String bytes = present(env, "TENSOR_WASM_MAX_TENANT_BYTES");
        b.tenantQuota(
                functions == null
                        ? defaults.maxFunctionsPerTenant()
                        : integer("TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT", functions),
                bytes == null
                        ? defaults.maxTenantBytes()
                        : whole("TENSOR_WASM_MAX_TENANT_BYTES", bytes));
        String tables = present(env, "TENSOR_WASM_MAX_TABLES");
        String elements = present(env, "TENSOR_WASM_MAX_TABLE_ELEMENTS");
        b.tableLimits(
                tables == null ? defaults.maxTables() : integer("TENSOR_WASM_MAX_TABLES", tables),
                elements == null
                        ? defaults.maxTableElements()
                        : whole("TENSOR_WASM_MAX_TABLE_ELEMENTS", elements));
    }

    /** The stripped value of a variable that is set and not blank, else null. */
    private static String present(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static void set(Map<String, String> env, String name, Consumer<String> setter) {
        String value = env.get(name);
        if (value != null && !value.isBlank()) {
            setter.accept(value.strip());
        }
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + value + "\": " + name + " must be a whole number", e);
        }
    }

    private static long whole(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + value + "\": " + name + " must be a whole number", e);
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "\"" + value + "\": " + name + " must be a number", e);
        }
    }
}
