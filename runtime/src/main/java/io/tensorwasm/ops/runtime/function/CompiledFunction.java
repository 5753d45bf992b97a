package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A deployed function, parsed and compiled once at deploy; each invoke gets a fresh instance with
 * {@link ByteArrayMemory} (about 7 us to instantiate, against about 220 us with the default
 * memory).
 */
public final class CompiledFunction {

    private final FunctionModule module;
    private final WasmModule wasm;
    private final Function<Instance, Machine> machineFactory;
    private final InstanceSettings settings;
    private final Map<String, ExportSignature> exports;

    /**
     * How each instance of a function is built.
     *
     * @param imports the host functions it links against
     * @param memoryLimits its memory limits with the cap applied, or null without a memory
     * @param memoryCapPages the per-instance cap in 64 KiB pages
     */
    record InstanceSettings(ImportValues imports, MemoryLimits memoryLimits, int memoryCapPages) {}

    /** A compiled function; a null machine factory means it runs on the interpreter. */
    CompiledFunction(
            FunctionModule module,
            WasmModule wasm,
            Function<Instance, Machine> machineFactory,
            InstanceSettings settings,
            Map<String, ExportSignature> exports) {
        this.module = module;
        this.wasm = wasm;
        this.machineFactory = machineFactory;
        this.settings = settings;
        this.exports = new LinkedHashMap<>(exports);
    }

    /** What the registry records about it. */
    public FunctionModule module() {
        return module;
    }

    /** How its code runs; {@code interpreted} also when the compiler gave up on the module. */
    public ExecutionMode mode() {
        return machineFactory == null ? ExecutionMode.INTERPRETED : ExecutionMode.COMPILED;
    }

    /** Its exported functions, in module order. */
    public List<ExportSignature> exports() {
        return new ArrayList<>(exports.values());
    }

    /** The per-instance memory cap in 64 KiB pages. */
    int memoryCapPages() {
        return settings.memoryCapPages();
    }

    /**
     * The export to call: the named one, or the only one when no name is given.
     *
     * @throws InvalidInvocationException when there is no such export or the choice is ambiguous
     */
    ExportSignature export(String name) {
        String where = module.name() + " (" + module.id() + ")";
        if (name == null || name.isEmpty()) {
            if (exports.size() == 1) {
                return exports.values().iterator().next();
            }
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
                            + where
                            + " exports no such function; it exports "
                            + exports.keySet());
        }
        return signature;
    }

    /** A fresh instance, its start function run. Call it on a worker thread, never the loop. */
    Instance instantiate() {
        Instance.Builder builder =
                Instance.builder(wasm)
                        .withImportValues(settings.imports())
                        .withMemoryFactory(ByteArrayMemory::new);
        if (settings.memoryLimits() != null) {
            builder.withMemoryLimits(settings.memoryLimits());
        }
        if (machineFactory != null) {
            builder.withMachineFactory(machineFactory);
        }
        return builder.build();
    }
}
