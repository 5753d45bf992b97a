package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deployed function: what the API says about it, and its code, which the registry parses on first
 * use, compiles in the background and keeps in a bounded cache (issues #16 and #22). Each invoke
 * gets a fresh instance with {@link ByteArrayMemory} (about 7 us to instantiate, against about 220
 * us with the default memory), except that a thread reuses its instance of a module that has no
 * state at all, which no call can tell apart.
 */
public final class CompiledFunction {

    private static final ImportValues NO_IMPORTS = ImportValues.empty();

    private final FunctionModule module;
    private final Map<String, ExportSignature> exports;
    private final Linking linking;
    private final CodeSource code;
    private volatile ExecutionMode mode;
    private volatile Boolean recordedCompiles;
    private final ThreadLocal<Kept> kept = new ThreadLocal<>();

    /**
     * What every instance of any function links against.
     *
     * @param imports the host functions
     * @param memoryCapPages the per-instance memory cap in 64 KiB pages
     */
    record Linking(ImportValues imports, int memoryCapPages) {}

    /**
     * A function whose code comes from the source; {@code mode} is how it runs once compiled, as
     * far as is known before that, and {@code compiles} what the registry recorded about it.
     */
    CompiledFunction(
            FunctionModule module,
            Map<String, ExportSignature> exports,
            Linking linking,
            ExecutionMode mode,
            CodeSource code,
            Boolean compiles) {
        this.module = module;
        this.exports = new LinkedHashMap<>(exports);
        this.linking = linking;
        this.mode = mode;
        this.code = code;
        this.recordedCompiles = compiles;
    }

    /** What the registry records about it. */
    public FunctionModule module() {
        return module;
    }

    /**
     * How its code runs once warm; {@code interpreted} also when the compiler gave up on the
     * module. Its first invokes after a deploy, a restart or a fall out of the code cache run on
     * the interpreter while it compiles.
     */
    public ExecutionMode mode() {
        return mode;
    }

    /** Records how the compiler took it; the last value the store was told, or null. */
    Boolean settle(ExecutionMode compiled, Boolean compiles) {
        mode = compiled;
        Boolean recorded = recordedCompiles;
        recordedCompiles = compiles;
        return recorded;
    }

    /** Its exported functions, in module order. */
    public List<ExportSignature> exports() {
        return new ArrayList<>(exports.values());
    }

    /** The per-instance memory cap in 64 KiB pages. */
    int memoryCapPages() {
        return linking.memoryCapPages();
    }

    /**
     * The export to call: the named one, or the only one when no name is given.
     *
     * @throws InvalidInvocationException when there is no such export or the choice is ambiguous
     */
    ExportSignature export(String name) {
        if (name == null || name.isEmpty()) {
            if (exports.size() == 1) {
                return exports.values().iterator().next();
            }
            String where = module.name() + " (" + module.id() + ")";
            throw new InvalidInvocationException(
                    where
                            + (exports.isEmpty()
                                    ? ": exports no function to invoke"
                                    : ": exports "
                                            + exports.keySet()
                                            + "; name one in \"export\""));
        }
        ExportSignature signature = exports.get(name);
        if (signature == null) {
            throw new InvalidInvocationException(
                    "\""
                            + name
                            + "\": "
                            + module.name()
                            + " ("
                            + module.id()
                            + ")"
                            + " exports no such function; it exports "
                            + exports.keySet());
        }
        return signature;
    }

    /** Its code, read and parsed when it is not in memory; blocks, so never on the loop. */
    FunctionCode code() {
        return code.load();
    }

    /** Its code when it is in memory, else null; never blocks. */
    FunctionCode loadedCode() {
        return code.ifLoaded();
    }

    /**
     * An instance of the code to call: this thread's own, kept from its last call, when the code is
     * stateless ({@link FunctionCode#stateless(WasmModule)}), so no call can tell it from a fresh
     * one; a fresh instance otherwise.
     */
    Instance instance(FunctionCode compiled) {
        if (!compiled.stateless()) {
            return instantiate(compiled);
        }
        Kept mine = kept.get();
        if (mine != null && mine.code() == compiled) {
            return mine.instance();
        }
        Instance fresh = instantiate(compiled);
        kept.set(new Kept(compiled, fresh));
        return fresh;
    }

    /**
     * Forgets this thread's kept instance after a call that did not return normally: a trap or an
     * interrupt may leave values on the interpreter's stacks.
     */
    void forgetInstance() {
        kept.remove();
    }

    /** A thread's instance of stateless code, and the code it was built from. */
    private record Kept(FunctionCode code, Instance instance) {}

    /** A fresh instance of the code, its start function run. */
    Instance instantiate(FunctionCode compiled) {
        // Chicory maps every host function offered to the module's imports at each build, which
        // was 70 % of building an instance of a module that imports nothing (issue #22).
        ImportValues imports =
                compiled.wasm().importSection().importCount() == 0 ? NO_IMPORTS : linking.imports();
        Instance.Builder builder =
                Instance.builder(compiled.wasm())
                        .withImportValues(imports)
                        .withMemoryFactory(ByteArrayMemory::new);
        if (compiled.memoryLimits() != null) {
            builder.withMemoryLimits(compiled.memoryLimits());
        }
        if (compiled.machines() != null) {
            builder.withMachineFactory(compiled.machines());
        }
        return builder.build();
    }
}
