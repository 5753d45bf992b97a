package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.dylibso.chicory.wasm.types.TableLimits;
import com.dylibso.chicory.wasm.types.TableSection;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a module against the runtime's limits and compiles it, with Chicory's bytecode compiler
 * where the module allows it and the interpreter otherwise.
 */
public final class FunctionCompiler {

    private static final Logger logger = LoggerFactory.getLogger(FunctionCompiler.class);
    private static final byte[] MAGIC = {0x00, 'a', 's', 'm'};
    private static final int PAGE_BYTES = 64 * 1024;

    /** Tables and table elements when a caller names only the module and memory limits. */
    private static final int DEFAULT_MAX_TABLES = 4;

    private static final long DEFAULT_MAX_TABLE_ELEMENTS = 65_536;

    private final ExecutionMode mode;
    private final ModuleLimits limits;
    private final int memoryCapPages;
    private final CompiledFunction.Linking linking;
    private final KernelImports kernels;

    public FunctionCompiler(ExecutionMode mode, ModuleLimits limits, KernelImports kernels) {
        this.mode = mode;
        this.limits = limits;
        this.memoryCapPages =
                (int) Math.min(MemoryLimits.MAX_PAGES, limits.memoryCapBytes() / PAGE_BYTES);
        this.kernels = kernels;
        this.linking = new CompiledFunction.Linking(kernels.imports(), memoryCapPages);
    }

    /** The default table limits with the given module size and memory cap. */
    public FunctionCompiler(
            ExecutionMode mode, long maxModuleBytes, long memoryCapBytes, KernelImports kernels) {
        this(
                mode,
                new ModuleLimits(
                        maxModuleBytes,
                        memoryCapBytes,
                        DEFAULT_MAX_TABLES,
                        DEFAULT_MAX_TABLE_ELEMENTS),
                kernels);
    }

    /**
     * Checks the size and the bytes, links the imports, and compiles at once: the whole of a
     * function outside the registry, whose code never falls out of a cache.
     */
    public CompiledFunction compile(FunctionModule module, byte[] bytes) {
        Checked checked = check(module, bytes);
        FunctionCode code = compiled(module, checked.code());
        return new CompiledFunction(
                module, checked.exports(), linking, code.mode(), CodeSource.of(code), null);
    }

    /** A module that passed every check, parsed, with its exports. */
    record Checked(FunctionCode code, Map<String, ExportSignature> exports) {}

    /**
     * Every check of a deploy. The code is parsed, not compiled: it runs on the interpreter until
     * {@link #compiled} gives its machines (issue #22).
     */
    Checked check(FunctionModule module, byte[] bytes) {
        String where = "\"" + module.name() + "\"";
        if (bytes.length > limits.maxModuleBytes()) {
            throw new BodyTooLargeException(
                    bytes.length
                            + " bytes: module "
                            + where
                            + " is over the "
                            + limits.maxModuleBytes()
                            + "-byte module limit");
        }
        if (bytes.length < MAGIC.length
                || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            String head = HexFormat.ofDelimiter(" ").formatHex(bytes, 0, Math.min(4, bytes.length));
            throw new MalformedModuleException(
                    where
                            + ": not a Wasm module: starts with ["
                            + head
                            + "] instead of the magic header [00 61 73 6d]");
        }
        WasmModule wasm = parse(where, bytes);
        checkImports(where, wasm);
        checkTables(where, wasm.tableSection());
        MemoryLimits memory = memoryLimits(where, wasm);
        return new Checked(parsed(wasm, memory, bytes.length), exports(where, wasm, memory));
    }

    /**
     * The exports of a function stored before functions were described, read without compiling it
     * and as it was accepted then, so limits added since do not stop a start.
     */
    Map<String, ExportSignature> describeStored(FunctionModule module, byte[] bytes) {
        String where = "\"" + module.name() + "\"";
        WasmModule wasm = parse(where, bytes);
        return exports(where, wasm, memoryLimits(where, wasm));
    }

    /** The parsed code of a module that was checked at its deploy, from its stored bytes. */
    FunctionCode parse(FunctionModule module, byte[] bytes) {
        String where = "\"" + module.name() + "\"";
        WasmModule wasm = parse(where, bytes);
        return parsed(wasm, memoryLimits(where, wasm), bytes.length);
    }

    /**
     * The parsed code compiled to JVM bytecode; the same code, settled on the interpreter, when the
     * compiler refuses the module or this server runs everything interpreted. Takes a while (about
     * 30 ms for a 10 KB module, 0.6 to 1.5 s for 1 MB): the registry calls it in the background.
     */
    FunctionCode compiled(FunctionModule module, FunctionCode parsed) {
        Function<Instance, Machine> machines =
                machineFactory("\"" + module.name() + "\"", parsed.wasm());
        return machines == null ? parsed.settle() : parsed.compiled(machines, module.sizeBytes());
    }

    /**
     * A function described by what was recorded at its deploy, whose code comes from the source.
     *
     * @param compiles whether the compiler took the module, or null when it was not tried
     */
    CompiledFunction described(
            FunctionModule module,
            Map<String, ExportSignature> exports,
            Boolean compiles,
            CodeSource code) {
        return new CompiledFunction(
                module, exports, linking, eventualMode(compiles), code, compiles);
    }

    /** How a function runs once compiled, given what is known of the compiler's verdict. */
    ExecutionMode eventualMode(Boolean compiles) {
        return mode == ExecutionMode.INTERPRETED || Boolean.FALSE.equals(compiles)
                ? ExecutionMode.INTERPRETED
                : ExecutionMode.COMPILED;
    }

    /** Whether the compiler took the code, or null when this server does not run it. */
    Boolean compiles(FunctionCode code) {
        return mode == ExecutionMode.INTERPRETED ? null : code.machines() != null;
    }

    private FunctionCode parsed(WasmModule wasm, MemoryLimits memory, long size) {
        return new FunctionCode(
                wasm,
                null,
                memory,
                InstructionBounds.of(wasm, InstructionBounds.INLINE_COMPILED),
                FunctionCode.weighParsed(size),
                mode == ExecutionMode.INTERPRETED,
                FunctionCode.stateless(wasm));
    }

    private static WasmModule parse(String where, byte[] bytes) {
        try {
            return Tables.isolated(Parser.parse(bytes));
        } catch (ChicoryException e) {
            throw new MalformedModuleException(
                    where + ": invalid Wasm module: " + e.getMessage(), e);
        }
    }

    private void checkImports(String where, WasmModule wasm) {
        for (int i = 0; i < wasm.importSection().importCount(); i++) {
            Import imp = wasm.importSection().getImport(i);
            if (!(imp instanceof FunctionImport) || !kernels.provides(imp.module(), imp.name())) {
                throw new MalformedModuleException(
                        where
                                + ": imports "
                                + imp.module()
                                + "."
                                + imp.name()
                                + ", which the runtime does not provide; it provides only "
                                + KernelImports.MODULE
                                + " kernel functions");
            }
        }
    }

    /**
     * Every instance allocates its tables, and a table may grow to its declared maximum (to
     * Chicory's 10,000,000 elements without one), so both are bounded like memory is (issue #16).
     */
    private void checkTables(String where, TableSection tables) {
        if (tables.tableCount() > limits.maxTables()) {
            throw new MalformedModuleException(
                    where
                            + ": declares "
                            + tables.tableCount()
                            + " tables, over the limit of "
                            + limits.maxTables()
                            + " (TENSOR_WASM_MAX_TABLES)");
        }
        for (int i = 0; i < tables.tableCount(); i++) {
            checkTable(where + ": table " + i, tables.getTable(i).limits());
        }
    }

    private void checkTable(String table, TableLimits declared) {
        long cap = limits.maxTableElements();
        String over = "-element limit (TENSOR_WASM_MAX_TABLE_ELEMENTS)";
        if (declared.min() > cap) {
            throw new MalformedModuleException(
                    table + " starts at " + declared.min() + " elements, over the " + cap + over);
        }
        if (declared.max() > cap) {
            // Chicory reads a table without a maximum as one of LIMIT_MAX elements.
            boolean none = declared.max() == TableLimits.LIMIT_MAX;
            throw new MalformedModuleException(
                    table
                            + " may grow to "
                            + declared.max()
                            + " elements"
                            + (none ? " (it declares no maximum)" : "")
                            + ", over the "
                            + cap
                            + over
                            + "; declare a maximum of at most "
                            + cap);
        }
    }

    private MemoryLimits memoryLimits(String where, WasmModule wasm) {
        if (wasm.memorySection().isEmpty() || wasm.memorySection().get().memoryCount() == 0) {
            return null;
        }
        MemoryLimits declared = wasm.memorySection().get().getMemory(0).limits();
        if (declared.initialPages() > memoryCapPages) {
            throw new MalformedModuleException(
                    where
                            + ": needs "
                            + declared.initialPages()
                            + " initial memory pages, over the "
                            + capText(memoryCapPages)
                            + " per-instance cap");
        }
        return new MemoryLimits(
                declared.initialPages(), Math.min(declared.maximumPages(), memoryCapPages));
    }

    private Map<String, ExportSignature> exports(
            String where, WasmModule wasm, MemoryLimits limits) {
        // An instance that runs nothing (no data segments applied, no start function) is the
        // simplest way to read each export's type, imported functions included.
        Instance.Builder builder =
                Instance.builder(wasm)
                        .withImportValues(kernels.imports())
                        .withInitialize(false)
                        .withStart(false);
        if (limits != null) {
            builder.withMemoryLimits(new MemoryLimits(0, limits.maximumPages()));
        }
        Instance probe;
        try {
            probe = builder.build();
        } catch (ChicoryException e) {
            throw new MalformedModuleException(where + ": cannot be linked: " + e.getMessage(), e);
        }
        Map<String, ExportSignature> exports = new LinkedHashMap<>();
        for (int i = 0; i < wasm.exportSection().exportCount(); i++) {
            Export export = wasm.exportSection().getExport(i);
            if (export.exportType() == ExternalType.FUNCTION) {
                exports.put(
                        export.name(),
                        ExportSignature.of(export.name(), probe.exportType(export.name())));
            }
        }
        return exports;
    }

    private Function<Instance, Machine> machineFactory(String where, WasmModule wasm) {
        if (mode == ExecutionMode.INTERPRETED) {
            return null;
        }
        long start = System.nanoTime();
        try {
            // FAIL rather than a silent per-function fallback: the whole module then runs on the
            // interpreter, and the mode the API reports is true for every function in it.
            Function<Instance, Machine> factory =
                    MachineFactoryCompiler.builder(wasm)
                            .withInterpreterFallback(InterpreterFallback.FAIL)
                            .compile();
            logger.debug("compiled {} in {} ms", where, (System.nanoTime() - start) / 1_000_000);
            return factory;
        } catch (ChicoryException | LinkageError e) {
            logger.warn("{} runs interpreted: the compiler refused it: {}", where, e.getMessage());
            return null;
        }
    }

    /** The cap as people read it: {@code 64 MiB (1024 pages)}. */
    static String capText(int pages) {
        long mib = (long) pages * PAGE_BYTES / (1024 * 1024);
        return mib + " MiB (" + pages + " pages)";
    }
}
