package io.tensorwasm.ops.runtime;

import io.tensorwasm.ops.runtime.fault.FaultSettings;
import io.tensorwasm.ops.runtime.function.ExecutionMode;
import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Everything a runtime server needs to start. Tokens and the database password never appear in
 * {@link #toString()}. It stays one file past 400 lines because it is the one place that names
 * every setting of docs/API.md, and its builder mirrors it field for field.
 *
 * <pre>{@code
 * RuntimeConfig config = RuntimeConfig.fromEnvironment(System.getenv()).toBuilder()
 *         .port(0).dataDir(Path.of("data/runtime")).build();
 * }</pre>
 *
 * @param bind the address to listen on
 * @param port the port, 0 for any free one
 * @param dataDir where the H2 registry and the audit key live
 * @param dbUrl a JDBC URL for the registry, or null for H2 under the data directory
 * @param dbUser the database user
 * @param dbPassword the database password
 * @param apiTokens {@code TOKEN:tenant=ID,...}; empty starts dev mode
 * @param auditLog {@code stdout}, {@code file:PATH}, or {@code off}
 * @param rateLimitPerSecond tokens a tenant's bucket regains per second; 0 turns limiting off
 * @param rateLimitBurst the bucket size
 * @param authFailureRateLimitPerSecond refused requests (no or an unknown token) a remote address
 *     may send per second; 0 turns limiting them off
 * @param authFailureRateLimitBurst the size of each address's bucket
 * @param invokeTimeout the deadline of one invocation
 * @param memoryLimitBytes the memory cap of one instance
 * @param maxBodyBytes the largest request body
 * @param maxModuleBytes the largest module
 * @param maxFunctionsPerTenant functions one tenant may keep deployed
 * @param maxTenantBytes module bytes one tenant may keep deployed, all its functions together
 * @param maxTables tables one module may declare
 * @param maxTableElements elements a table may start with or grow to
 * @param codeCacheBytes the estimated memory of the compiled modules kept; others are compiled
 *     again from their stored bytes when used
 * @param workers threads that run Wasm
 * @param queueCapacity invocations that may wait for a worker
 * @param executionMode compiled (with interpreter fallback) or interpreted
 * @param gpu where kernels run: CUDA when a device answers ({@code auto}), CUDA or fail, or the CPU
 * @param build the labels of {@code tensor_wasm_build_info}
 * @param faults fault injection: off unless enabled, for end-to-end tests and game days
 * @param auditSegmentBytes the size past which the file audit log closes its segment and opens the
 *     next
 * @param auditSegmentAge the age past which it does
 * @param otlpEndpoint where spans are exported over OTLP/HTTP ({@code
 *     OTEL_EXPORTER_OTLP_ENDPOINT}), or empty for no export
 */
public record RuntimeConfig(
        String bind,
        int port,
        Path dataDir,
        String dbUrl,
        String dbUser,
        String dbPassword,
        String apiTokens,
        String auditLog,
        double rateLimitPerSecond,
        int rateLimitBurst,
        double authFailureRateLimitPerSecond,
        int authFailureRateLimitBurst,
        Duration invokeTimeout,
        long memoryLimitBytes,
        long maxBodyBytes,
        long maxModuleBytes,
        int maxFunctionsPerTenant,
        long maxTenantBytes,
        int maxTables,
        long maxTableElements,
        long codeCacheBytes,
        int workers,
        int queueCapacity,
        ExecutionMode executionMode,
        GpuMode gpu,
        BuildInfo build,
        FaultSettings faults,
        long auditSegmentBytes,
        Duration auditSegmentAge,
        String otlpEndpoint) {

    /** 16 MiB, the default for bodies and modules (issue #4). */
    public static final long SIXTEEN_MIB = 16L * 1024 * 1024;

    public RuntimeConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(apiTokens, "apiTokens");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(invokeTimeout, "invokeTimeout");
        Objects.requireNonNull(executionMode, "executionMode");
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(auditSegmentAge, "auditSegmentAge");
        Objects.requireNonNull(otlpEndpoint, "otlpEndpoint");
        positive(auditSegmentBytes, "auditSegmentBytes");
        positive(auditSegmentAge.toMillis(), "auditSegmentAge");
        positive(port + 1, "port");
        positive(invokeTimeout.toMillis(), "invokeTimeout");
        positive(memoryLimitBytes, "memoryLimitBytes");
        positive(maxBodyBytes, "maxBodyBytes");
        positive(maxModuleBytes, "maxModuleBytes");
        positive(maxFunctionsPerTenant, "maxFunctionsPerTenant");
        positive(maxTenantBytes, "maxTenantBytes");
        positive(maxTables + 1L, "maxTables + 1");
        positive(maxTableElements + 1, "maxTableElements + 1");
        positive(codeCacheBytes, "codeCacheBytes");
        positive(workers, "workers");
        positive(queueCapacity, "queueCapacity");
        nonNegative(rateLimitPerSecond, rateLimitBurst);
        nonNegative(authFailureRateLimitPerSecond, authFailureRateLimitBurst);
    }

    /** The defaults: 127.0.0.1:8080, {@code data/runtime}, dev mode, limits of issue #4. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The defaults overridden by the {@code TENSOR_WASM_*} variables that are set; docs/API.md
     * lists them.
     */
    public static RuntimeConfig fromEnvironment(Map<String, String> env) {
        return EnvironmentReader.read(env, builder()).build();
    }

    /** A builder holding these values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The version of this runtime build, {@code v0.1.0}. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = RuntimeConfig.class.getResourceAsStream("runtime.properties")) {
            if (in == null) {
                throw new IllegalStateException("runtime.properties is missing from the runtime");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "v" + properties.getProperty("version");
    }

    @Override
    public String toString() {
        List<String> fields =
                List.of(
                        "bind=" + bind,
                        "port=" + port,
                        "dataDir=" + dataDir,
                        "db=" + (dbUrl == null ? "h2" : dbUrl.replaceAll("\\?.*", "")),
                        "tokens=" + (apiTokens.isBlank() ? "none (dev mode)" : "set"),
                        "auditLog=" + auditLog,
                        "auditSegments=" + auditSegmentBytes + " bytes or " + auditSegmentAge,
                        "otlp=" + (otlpEndpoint.isEmpty() ? "off" : otlpEndpoint),
                        "rateLimit=" + rateLimitPerSecond + "/s burst " + rateLimitBurst,
                        "authFailureRateLimit="
                                + authFailureRateLimitPerSecond
                                + "/s burst "
                                + authFailureRateLimitBurst,
                        "invokeTimeout=" + invokeTimeout.toMillis() + "ms",
                        "memoryLimitBytes=" + memoryLimitBytes,
                        "maxBodyBytes=" + maxBodyBytes,
                        "maxModuleBytes=" + maxModuleBytes,
                        "tenantQuota="
                                + maxFunctionsPerTenant
                                + " functions, "
                                + maxTenantBytes
                                + " bytes",
                        "tables=" + maxTables + " of " + maxTableElements + " elements",
                        "codeCacheBytes=" + codeCacheBytes,
                        "workers=" + workers,
                        "queueCapacity=" + queueCapacity,
                        "executionMode=" + executionMode.label(),
                        "gpu=" + gpu.label(),
                        "faults=" + faults.describe());
        return "RuntimeConfig[" + String.join(", ", fields) + "]";
    }

    private static void nonNegative(double perSecond, int burst) {
        if (perSecond < 0 || burst < 0) {
            throw new IllegalArgumentException(
                    perSecond + "/s, burst " + burst + ": rate limits cannot be negative");
        }
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(value + ": " + name + " must be positive");
        }
    }

    /** Builds a {@link RuntimeConfig}; every setter has a default. */
    public static final class Builder {
        private String bind = "127.0.0.1";
        private int port = 8080;
        private Path dataDir = Path.of("data", "runtime");
        private String dbUrl;
        private String dbUser = "";
        private String dbPassword = "";
        private String apiTokens = "";
        private String auditLog = "off";
        private double rateLimitPerSecond = 50;
        private int rateLimitBurst = 100;
        private double authFailureRateLimitPerSecond = 5;
        private int authFailureRateLimitBurst = 20;
        private Duration invokeTimeout = Duration.ofSeconds(5);
        private long memoryLimitBytes = 64L * 1024 * 1024;
        private long maxBodyBytes = SIXTEEN_MIB;
        private long maxModuleBytes = SIXTEEN_MIB;
        private int maxFunctionsPerTenant = 1000;
        private long maxTenantBytes = 256L * 1024 * 1024;
        private int maxTables = 4;
        private long maxTableElements = 65_536;
        private long codeCacheBytes = 128L * 1024 * 1024;
        private int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        private int queueCapacity = 256;
        private ExecutionMode executionMode = ExecutionMode.COMPILED;
        private GpuMode gpu = GpuMode.AUTO;
        private BuildInfo build = BuildInfo.of(version(), "unknown", "release");
        private FaultSettings faults = FaultSettings.OFF;
        private long auditSegmentBytes = 64L * 1024 * 1024;
        private Duration auditSegmentAge = Duration.ofDays(1);
        private String otlpEndpoint = "";

        private Builder() {}

        private Builder(RuntimeConfig c) {
            bind = c.bind;
            port = c.port;
            dataDir = c.dataDir;
            dbUrl = c.dbUrl;
            dbUser = c.dbUser;
            dbPassword = c.dbPassword;
            apiTokens = c.apiTokens;
            auditLog = c.auditLog;
            rateLimitPerSecond = c.rateLimitPerSecond;
            rateLimitBurst = c.rateLimitBurst;
            authFailureRateLimitPerSecond = c.authFailureRateLimitPerSecond;
            authFailureRateLimitBurst = c.authFailureRateLimitBurst;
            invokeTimeout = c.invokeTimeout;
            memoryLimitBytes = c.memoryLimitBytes;
            maxBodyBytes = c.maxBodyBytes;
            maxModuleBytes = c.maxModuleBytes;
            maxFunctionsPerTenant = c.maxFunctionsPerTenant;
            maxTenantBytes = c.maxTenantBytes;
            maxTables = c.maxTables;
            maxTableElements = c.maxTableElements;
            codeCacheBytes = c.codeCacheBytes;
            workers = c.workers;
            queueCapacity = c.queueCapacity;
            executionMode = c.executionMode;
            gpu = c.gpu;
            build = c.build;
            faults = c.faults;
            auditSegmentBytes = c.auditSegmentBytes;
            auditSegmentAge = c.auditSegmentAge;
            otlpEndpoint = c.otlpEndpoint;
        }

        public Builder bind(String value) {
            bind = value;
            return this;
        }

        public Builder port(int value) {
            port = value;
            return this;
        }

        public Builder dataDir(Path value) {
            dataDir = value;
            return this;
        }

        /** A JDBC URL with its credentials; null keeps the H2 file under the data directory. */
        public Builder database(String url, String user, String password) {
            dbUrl = url;
            dbUser = user == null ? "" : user;
            dbPassword = password == null ? "" : password;
            return this;
        }

        public Builder apiTokens(String value) {
            apiTokens = value == null ? "" : value;
            return this;
        }

        public Builder auditLog(String value) {
            auditLog = value;
            return this;
        }

        /** Tokens regained per second and the bucket size; a rate of 0 turns limiting off. */
        public Builder rateLimit(double perSecond, int burst) {
            rateLimitPerSecond = perSecond;
            rateLimitBurst = burst;
            return this;
        }

        /**
         * Refused requests a remote address may send per second and its bucket size; a rate of 0
         * turns limiting them off.
         */
        public Builder authFailureRateLimit(double perSecond, int burst) {
            authFailureRateLimitPerSecond = perSecond;
            authFailureRateLimitBurst = burst;
            return this;
        }

        public Builder invokeTimeout(Duration value) {
            invokeTimeout = value;
            return this;
        }

        public Builder memoryLimitBytes(long value) {
            memoryLimitBytes = value;
            return this;
        }

        public Builder maxBodyBytes(long value) {
            maxBodyBytes = value;
            return this;
        }

        public Builder maxModuleBytes(long value) {
            maxModuleBytes = value;
            return this;
        }

        /** The functions and the module bytes one tenant may keep deployed. */
        public Builder tenantQuota(int functions, long bytes) {
            maxFunctionsPerTenant = functions;
            maxTenantBytes = bytes;
            return this;
        }

        /** The tables one module may declare, and the elements each may hold. */
        public Builder tableLimits(int tables, long elements) {
            maxTables = tables;
            maxTableElements = elements;
            return this;
        }

        /** The estimated memory of the compiled modules kept in the cache. */
        public Builder codeCacheBytes(long value) {
            codeCacheBytes = value;
            return this;
        }

        public Builder workers(int value) {
            workers = value;
            return this;
        }

        public Builder queueCapacity(int value) {
            queueCapacity = value;
            return this;
        }

        public Builder executionMode(ExecutionMode value) {
            executionMode = value;
            return this;
        }

        public Builder gpu(GpuMode value) {
            gpu = value;
            return this;
        }

        public Builder build(BuildInfo value) {
            build = value;
            return this;
        }

        /** When the file audit log closes a segment: past this size or this age (64 MiB, 1 day). */
        public Builder auditSegments(long bytes, Duration age) {
            auditSegmentBytes = bytes;
            auditSegmentAge = age;
            return this;
        }

        /** The OTLP/HTTP endpoint spans are exported to; empty (the default) exports none. */
        public Builder otlpEndpoint(String value) {
            otlpEndpoint = value == null ? "" : value.strip();
            return this;
        }

        /** Fault injection; {@link FaultSettings#OFF} unless set. */
        public Builder faults(FaultSettings value) {
            faults = value;
            return this;
        }

        public RuntimeConfig build() {
            return new RuntimeConfig(
                    bind,
                    port,
                    dataDir,
                    dbUrl,
                    dbUser,
                    dbPassword,
                    apiTokens,
                    auditLog,
                    rateLimitPerSecond,
                    rateLimitBurst,
                    authFailureRateLimitPerSecond,
                    authFailureRateLimitBurst,
                    invokeTimeout,
                    memoryLimitBytes,
                    maxBodyBytes,
                    maxModuleBytes,
                    maxFunctionsPerTenant,
                    maxTenantBytes,
                    maxTables,
                    maxTableElements,
                    codeCacheBytes,
                    workers,
                    queueCapacity,
                    executionMode,
                    gpu,
                    build,
                    faults,
                    auditSegmentBytes,
                    auditSegmentAge,
                    otlpEndpoint);
        }
    }
}
