package io.tensorwasm.ops.runtime.function;

import io.tensorwasm.ops.runtime.store.FunctionStore;
import io.tensorwasm.ops.runtime.store.StoredFunction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed functions: persisted in the store, compiled once and cached in memory. Deploy,
 * delete and load block on JDBC and the compiler; call them off the event loop.
 */
public final class FunctionRegistry {

    private static final Logger logger = LoggerFactory.getLogger(FunctionRegistry.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FunctionStore store;
    private final FunctionCompiler compiler;
    private final Map<String, CompiledFunction> compiled = new ConcurrentHashMap<>();

    public FunctionRegistry(FunctionStore store, FunctionCompiler compiler) {
        this.store = store;
        this.compiler = compiler;
    }

    /** Compiles every stored function, so a restart serves the same ids; returns the count. */
    public int load() {
        for (StoredFunction row : store.all()) {
            FunctionModule module = module(row);
            compiled.put(row.id(), compiler.compile(module, row.wasm()));
        }
        logger.info("loaded {} functions from the registry", compiled.size());
        return compiled.size();
    }

    /** Validates, compiles and stores a new function owned by the tenant. */
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
        CompiledFunction function = compiler.compile(module, wasm);
        store.insert(
                new StoredFunction(
                        module.id(), tenant, name, module.sha256(), wasm, module.createdAt()));
        compiled.put(module.id(), function);
        return function;
    }

    /** The function with the id. */
    public CompiledFunction get(String id) {
        CompiledFunction function = compiled.get(id);
        if (function == null) {
            throw new UnknownFunctionException(id + ": no function with this id");
        }
        return function;
    }

    /** The tenant's functions, or all of them for null, oldest first. */
    public List<CompiledFunction> list(String tenant) {
        List<CompiledFunction> out = new ArrayList<>();
        for (CompiledFunction f : compiled.values()) {
            if (tenant == null || tenant.equals(f.module().tenant())) {
                out.add(f);
            }
        }
        out.sort(
                Comparator.comparing((CompiledFunction f) -> f.module().createdAt())
                        .thenComparing(f -> f.module().id()));
        return out;
    }

    /** Deletes the function from the store and the cache. */
    public void delete(String id) {
        get(id);
        store.delete(id);
        compiled.remove(id);
    }

    private static FunctionModule module(StoredFunction row) {
        return new FunctionModule(
                row.id(),
                row.tenant(),
                row.name(),
                row.sha256(),
                row.wasm().length,
                row.createdAt());
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
