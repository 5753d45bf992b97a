package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.fault.FaultInjector;
import io.tensorwasm.ops.runtime.function.FunctionCompiler;
import io.tensorwasm.ops.runtime.function.FunctionRegistry;
import io.tensorwasm.ops.runtime.function.Invoker;
import io.tensorwasm.ops.runtime.function.JobTable;
import io.tensorwasm.ops.runtime.function.ModuleLimits;
import io.tensorwasm.ops.runtime.function.RegistryLimits;
import io.tensorwasm.ops.runtime.gpu.KernelBackends;
import io.tensorwasm.ops.runtime.gpu.KernelDispatcher;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.runtime.store.DataDirectory;
import io.tensorwasm.ops.runtime.store.Database;
import io.tensorwasm.ops.runtime.store.FunctionStore;
import io.tensorwasm.ops.runtime.store.RegistryBackup;
import io.tensorwasm.ops.runtime.trace.Tracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the routes work with: registry, invoker, jobs, tokens, audit, limits and metrics, opened
 * from one {@link RuntimeConfig} and closed together.
 *
 * <pre>{@code
 * try (RuntimeServices services = RuntimeServices.open(config)) {
 *     Handler<HttpServerRequest> api = RuntimeRoutes.create(vertx, services);
 * }
 * }</pre>
 */
public final class RuntimeServices implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(RuntimeServices.class);

    private final RuntimeConfig config;
    private final RuntimeMetrics metrics;
    private final Database database;
    private final FunctionRegistry registry;
    private final Invoker invoker;
    private final JobTable jobs;
    private final ApiTokens tokens;
    private final TokenIds tokenIds;
    private final AuditLog audit;
    private final RateLimiter rateLimiter;
    private final RateLimiter authFailureLimiter;
    private final RefusalAudit refusals;
    private final KernelDispatcher kernels;
    private final RegistryBackup backup;
    private final FaultInjector faults;
    private final Tracing tracing;

    private RuntimeServices(RuntimeConfig config, KernelDispatcher kernels, Database database) {
        this.config = config;
        this.database = database;
        this.tokens = ApiTokens.parse(config.apiTokens());
        this.tokenIds = TokenIds.load(config.dataDir());
        this.kernels = kernels;
        this.metrics =
                new RuntimeMetrics(
                        config.build(), kernels.backend().label(), KernelImports.KERNELS);
        FunctionCompiler compiler =
                new FunctionCompiler(
                        config.executionMode(),
                        new ModuleLimits(
                                config.maxModuleBytes(),
                                config.memoryLimitBytes(),
                                config.maxTables(),
                                config.maxTableElements()),
                        new KernelImports(kernels, metrics));
        this.registry =
                new FunctionRegistry(
                        new FunctionStore(database.dataSource()),
                        compiler,
                        new RegistryLimits(
                                config.maxFunctionsPerTenant(),
                                config.maxTenantBytes(),
                                config.codeCacheBytes()));
        this.invoker = new Invoker(config.workers(), config.queueCapacity(), metrics);
        this.jobs = new JobTable(10_000, metrics);
        this.audit =
                AuditLog.open(
                        config.auditLog(), config.auditSegmentBytes(), config.auditSegmentAge());
        this.rateLimiter =
                new RateLimiter(
                        config.rateLimitPerSecond(), config.rateLimitBurst(), System::nanoTime);
        this.authFailureLimiter =
                new RateLimiter(
                        config.authFailureRateLimitPerSecond(),
                        config.authFailureRateLimitBurst(),
                        System::nanoTime);
        this.refusals = new RefusalAudit(audit);
        this.backup = new RegistryBackup(database, config.dataDir());
        this.faults = new FaultInjector(config.faults());
        this.tracing = Tracing.open(config.otlpEndpoint(), config.build().version());
    }

    /**
     * Picks the kernel backend ({@code TENSOR_WASM_GPU}), opens the database, migrates it and reads
     * what it says about every stored function, compiling none.
     *
     * @throws IllegalStateException when the configuration asks for CUDA and no device is usable
     */
    public static RuntimeServices open(RuntimeConfig config) {
        // Before the database: a forced CUDA without a device fails with nothing to close.
        KernelDispatcher kernels = KernelBackends.select(config.gpu());
        Database database;
        try {
            // Before anything writes into it, and again once H2 and the audit log have made
            // their files: the directory 0700, every file 0600 (issue #16).
            DataDirectory.secure(config.dataDir());
            database = openDatabase(config);
        } catch (RuntimeException e) {
            kernels.close();
            throw e;
        }
        RuntimeServices services = null;
        try {
            services = new RuntimeServices(config, kernels, database);
            services.registry.load();
            DataDirectory.secure(config.dataDir());
        } catch (RuntimeException e) {
            if (services != null) {
                services.registry.close();
            }
            database.close();
            kernels.close();
            throw e;
        }
        if (services.faults.enabled()) {
            logger.warn(
                    "FAULT INJECTION is enabled: admins may make invokes fail on purpose"
                            + " (POST /admin/faults); invoke_error_rate is {} now",
                    services.faults.invokeErrorRate());
        }
        services.tokens.warnings().forEach(warning -> logger.warn("{}", warning));
        if (services.tokens.devMode()) {
            logger.warn(
                    "DEV MODE: TENSOR_WASM_API_TOKENS is empty, so every request is admitted"
                            + " without a token and audit records say actor.scope.kind \"dev\"."
                            + " Never run production like this.");
        }
        return services;
    }

    public RuntimeConfig config() {
        return config;
    }

    public RuntimeMetrics metrics() {
        return metrics;
    }

    public FunctionRegistry registry() {
        return registry;
    }

    public Invoker invoker() {
        return invoker;
    }

    public JobTable jobs() {
        return jobs;
    }

    /** The faults in force; invokes fail on purpose only when fault injection is enabled. */
    public FaultInjector faults() {
        return faults;
    }

    /** The requests' spans, exported over OTLP when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set. */
    public Tracing tracing() {
        return tracing;
    }

    ApiTokens tokens() {
        return tokens;
    }

    TokenIds tokenIds() {
        return tokenIds;
    }

    AuditLog audit() {
        return audit;
    }

    RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** Buckets per remote address for refused requests. */
    RateLimiter authFailureLimiter() {
        return authFailureLimiter;
    }

    RefusalAudit refusals() {
        return refusals;
    }

    RegistryBackup backup() {
        return backup;
    }

    private static Database openDatabase(RuntimeConfig config) {
        return Database.open(
                config.dbUrl() == null ? Database.h2Url(config.dataDir()) : config.dbUrl(),
                config.dbUser(),
                config.dbPassword());
    }

    @Override
    public void close() {
        invoker.close();
        registry.close();
        tracing.close();
        refusals.close();
        audit.close();
        database.close();
        kernels.close();
    }
}
