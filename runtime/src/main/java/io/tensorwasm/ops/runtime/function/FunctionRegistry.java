package io.tensorwasm.ops.runtime.function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tensorwasm.ops.runtime.store.FunctionEntry;
import io.tensorwasm.ops.runtime.store.FunctionStore;
import io.tensorwasm.ops.runtime.store.StoredFunction;
import io.tensorwasm.ops.runtime.store.TenantUsage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed functions: persisted in the store with what the API says about them, and their code
 * in a cache bounded by its estimated memory (issue #16: a start compiled every stored function, 12
 * s and 3.2 GB at 2,003). Code is tiered (issue #22): a function used while its parsed code is in
 * memory is queued for the background compiler, its invokes running on the interpreter until the
 * compiled code takes the parsed code's place. A deployed function is compiled from its first
 * invoke on: a deploy keeps the module it parsed when it is of {@link #KEEP_PARSED_FROM_BYTES} or
 * more, so a large function is not parsed twice, and a smaller one is parsed again by its first
 * invoke, which queues it for the compiler all the same. A function a restart or the cache's bound
 * left on disk is parsed on its next use and compiled from the use after; so a function used once
 * in a long while is never compiled for nothing. Deploy, delete and load block on JDBC and the
 * parser; call them off the event loop.
 */
public final class FunctionRegistry implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(FunctionRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FunctionStore store;
    private final FunctionCompiler compiler;
    private final RegistryLimits limits;
    private final Map<String, CompiledFunction> functions = new ConcurrentHashMap<>();
    private final Cache<String, FunctionCode> code;
    private final CompileQueue compiles = new CompileQueue(COMPILE_QUEUE);

    /** Functions deployed here whose parsed code the deploy did not keep, not yet used. */
    private final Set<String> unused = ConcurrentHashMap.newKeySet();

    /** Functions that may wait for the background compiler; more wait for their next invoke. */
    private static final int COMPILE_QUEUE = 64;

    /**
     * The smallest module whose parsed code a deploy keeps. Parsed code weighs about 25 times its
     * module (a 10 KB module, 250 KiB of instructions), while parsing a module again is quick below
     * this size (warm, 1.4 ms for 10 KB and 6 ms for 64 KiB): keeping it made 100 deployed 10 KB
     * functions cost 92 MiB of RSS (issue #22). A 1 MB module takes 35 to 85 ms to parse, which its
     * first invoke is spared.
     */
    public static final int KEEP_PARSED_FROM_BYTES = 64 * 1024;

    public FunctionRegistry(FunctionStore store, FunctionCompiler compiler, RegistryLimits limits) {
        this.store = store;
        this.compiler = compiler;
        this.limits = limits;
        this.code =
                Caffeine.newBuilder()
                        .maximumWeight(limits.codeCacheBytes())
                        .weigher((String id, FunctionCode c) -> c.weight())
                        // Evict on the caller's thread, so the bound holds when a call returns.
                        .executor(Runnable::run)
                        .build();
    }

    /**
     * Reads what the store says about every function, compiling none; returns the count. Rows
     * stored before functions were described are described once, here.
     */
    public int load() {
        int described = 0;
        for (FunctionEntry entry : store.entries()) {
            described += adopt(entry) ? 1 : 0;
        }
        logger.info(
                "loaded {} functions from the registry, compiling none ({} described for the first"
                        + " time)",
                functions.size(),
                described);
        return functions.size();
    }

    /**
     * Reads the store again and follows what other replicas did to it (issue #21): functions
     * deployed through another replica that shares the database are added, compiling none, and
     * functions deleted there are dropped with their code. Blocks on JDBC: call it off the event
     * loop. Returns how many were added and dropped.
     */
    public Refreshed refresh() {
        Map<String, FunctionEntry> stored = new HashMap<>();
        for (FunctionEntry entry : store.entries()) {
            stored.put(entry.id(), entry);
        }
        int added = 0;
        for (FunctionEntry entry : stored.values()) {
            if (!functions.containsKey(entry.id())) {
                adopt(entry);
                added++;
            }
        }
        int dropped = 0;
        for (String id : List.copyOf(functions.keySet())) {
            if (!stored.containsKey(id)) {
                forget(id);
                dropped++;
            }
        }
        if (added + dropped > 0) {
            logger.info(
                    "registry refreshed: {} functions deployed and {} deleted by other replicas",
                    added,
                    dropped);
        }
        return new Refreshed(added, dropped);
    }

    /**
     * What a refresh found.
     *
     * @param added functions another replica deployed
     * @param dropped functions another replica deleted
     */
    public record Refreshed(int added, int dropped) {}

    /** Makes a stored function known without compiling it; true when it was described now. */
    private boolean adopt(FunctionEntry entry) {
        FunctionModule module = module(entry);
        if (entry.exports() == null) {
            describe(module);
            return true;
        }
        functions.put(
                module.id(),
                compiler.described(
                        module,
                        ExportSignature.parseAll(entry.exports()),
                        entry.compiles(),
                        source(module)));
        return false;
    }

    /**
     * Validates and stores a new function owned by the tenant, within its quotas. The parsed code
     * of a module of {@link #KEEP_PARSED_FROM_BYTES} or more stays in the cache, so its first
     * invoke runs at once on the interpreter; it is compiled in the background from then on.
     */
    public CompiledFunction deploy(String tenant, String name, byte[] wasm) {
        FunctionModule.checkName(name);
        FunctionModule module =
                new FunctionModule(
                        newId(),
                        tenant,
                        name,
                        sha256(wasm),
                        wasm.length,
                        Instant.now().truncatedTo(ChronoUnit.MILLIS));
        FunctionCompiler.Checked checked = compiler.check(module, wasm);
        // Count and insert as one step, so two deploys of a tenant cannot both take its last
        // place. Replicas that share a database each hold their own lock (docs/API.md).
        synchronized (this) {
            checkQuotas(module);
            store.insert(
                    new StoredFunction(
                            module.id(), tenant, name, module.sha256(), wasm, module.createdAt()),
                    ExportSignature.toJson(checked.exports().values()),
                    null);
        }
        CompiledFunction function =
                compiler.described(module, checked.exports(), null, source(module));
        if (wasm.length >= KEEP_PARSED_FROM_BYTES) {
            code.put(module.id(), checked.code());
        } else {
            unused.add(module.id());
        }
        functions.put(module.id(), function);
        return function;
    }

    /** The function with the id. */
    public CompiledFunction get(String id) {
        CompiledFunction function = functions.get(id);
        if (function == null) {
            throw new UnknownFunctionException(id + ": no function with this id");
        }
        return function;
    }

    /** The tenant's functions, or all of them for null, oldest first. */
    public List<CompiledFunction> list(String tenant) {
        List<CompiledFunction> out = new ArrayList<>();
        for (CompiledFunction f : functions.values()) {
            if (tenant == null || tenant.equals(f.module().tenant())) {
                out.add(f);
            }
        }
        out.sort(
                Comparator.comparing((CompiledFunction f) -> f.module().createdAt())
                        .thenComparing(f -> f.module().id()));
        return out;
    }

    /** Deletes the function from the store and the caches. */
    public void delete(String id) {
        get(id);
        store.delete(id);
        forget(id);
    }

    /** Drops what this node holds of a function deleted here or by another replica. */
    private void forget(String id) {
        functions.remove(id);
        unused.remove(id);
        code.invalidate(id);
    }

    /** Modules in memory now, how many of them are compiled, and their estimated footprint. */
    public CacheUse cached() {
        code.cleanUp();
        long weight = code.asMap().values().stream().mapToLong(FunctionCode::weight).sum();
        long compiled = code.asMap().values().stream().filter(c -> c.machines() != null).count();
        return new CacheUse(code.asMap().size(), compiled, weight);
    }

    /**
     * What the code cache holds.
     *
     * @param functions modules in memory, parsed or compiled
     * @param compiled those of them that are compiled
     * @param bytes their estimated footprint
     */
    public record CacheUse(long functions, long compiled, long bytes) {}

    /** Functions waiting for the background compiler or being compiled now. */
    public int compiling() {
        return compiles.pending();
    }

    /** Stops the background compiler. */
    @Override
    public void close() {
        compiles.close();
    }

    /** The function's code from the cache, parsed from its stored bytes on a miss. */
    private CodeSource source(FunctionModule module) {
        return new CodeSource() {
            @Override
            public FunctionCode load() {
                boolean[] missed = {false};
                FunctionCode loaded =
                        code.get(
                                module.id(),
                                id -> {
                                    missed[0] = true;
                                    return parse(module);
                                });
                // Parsed just now: compiled only if it is used again while it is in memory,
                // unless this is the first use of a function deployed here and the cache kept it.
                boolean firstUse =
                        unused.remove(module.id()) && code.asMap().containsKey(module.id());
                return missed[0] && !firstUse ? loaded : warm(module, loaded);
            }

            @Override
            public FunctionCode ifLoaded() {
                FunctionCode cached = code.getIfPresent(module.id());
                return cached == null ? null : warm(module, cached);
            }
        };
    }

    private FunctionCode parse(FunctionModule module) {
        byte[] wasm = storedBytes(module);
        FunctionCode parsed = compiler.parse(module, wasm);
        CompiledFunction function = functions.get(module.id());
        // A module the compiler refused before is not offered to it again.
        return function != null && function.mode() == ExecutionMode.INTERPRETED
                ? parsed.settle()
                : parsed;
    }

    /** Queues the code for the background compiler when it is still only parsed. */
    private FunctionCode warm(FunctionModule module, FunctionCode current) {
        if (!current.settled()) {
            compiles.request(module.id(), () -> tierUp(module, current));
        }
        return current;
    }

    /**
     * Compiles parsed code and puts it in the cache in its place, unless the function was deleted
     * meanwhile; records once in the store whether the compiler took it.
     */
    private void tierUp(FunctionModule module, FunctionCode parsed) {
        FunctionCode compiled = compiler.compiled(module, parsed);
        code.asMap().compute(module.id(), (id, now) -> functions.containsKey(id) ? compiled : now);
        CompiledFunction function = functions.get(module.id());
        if (function == null) {
            return;
        }
        Boolean compiles = compiler.compiles(compiled);
        Boolean recorded = function.settle(compiler.eventualMode(compiles), compiles);
        if (compiles != null && !compiles.equals(recorded)) {
            store.compiled(module.id(), compiles);
        }
    }

    private void checkQuotas(FunctionModule module) {
        TenantUsage usage = store.usage(module.tenant());
        String where = "\"" + module.name() + "\": ";
        if (usage.functions() >= limits.maxFunctionsPerTenant()) {
            throw new QuotaExceededException(
                    where
                            + "tenant "
                            + module.tenant()
                            + " already has "
                            + usage.functions()
                            + " functions, the most one tenant may deploy"
                            + " (TENSOR_WASM_MAX_FUNCTIONS_PER_TENANT); delete one first");
        }
        long total = usage.bytes() + module.sizeBytes();
        if (total > limits.maxBytesPerTenant()) {
            throw new QuotaExceededException(
                    where
                            + module.sizeBytes()
                            + " bytes would bring tenant "
                            + module.tenant()
                            + " to "
                            + total
                            + " bytes of modules, over its "
                            + limits.maxBytesPerTenant()
                            + "-byte limit (TENSOR_WASM_MAX_TENANT_BYTES); delete functions first");
        }
    }

    private byte[] storedBytes(FunctionModule module) {
        return store.find(module.id())
                .orElseThrow(
                        () ->
                                new UnknownFunctionException(
                                        module.id() + ": no function with this id"))
                .wasm();
    }

    /** Describes a row stored before descriptions, without compiling it, and records that. */
    private void describe(FunctionModule module) {
        byte[] wasm = storedBytes(module);
        // Whether the compiler takes it stays unknown (null) until its first use compiles it.
        Map<String, ExportSignature> exports = compiler.describeStored(module, wasm);
        store.describe(module.id(), ExportSignature.toJson(exports.values()), null);
        functions.put(module.id(), compiler.described(module, exports, null, source(module)));
    }

    private static FunctionModule module(FunctionEntry row) {
        return new FunctionModule(
                row.id(), row.tenant(), row.name(), row.sha256(), row.sizeBytes(), row.createdAt());
    }

    private static String newId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "fn_" + HexFormat.of().formatHex(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
