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
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates a module and compiles it once, with Chicory's bytecode compiler where the module allows
 * it and the interpreter otherwise.
 */
public final class FunctionCompiler {

    private static final Logger logger = LoggerFactory.getLogger(FunctionCompiler.class);
    private static final byte[] MAGIC = {0x00, 'a', 's', 'm'};
    private static final int PAGE_BYTES = 64 * 1024;

    private final ExecutionMode mode;
    private final long maxModuleBytes;
    private final int memoryCapPages;
    private final KernelImports kernels;

    public FunctionCompiler(
            ExecutionMode mode, long maxModuleBytes, long memoryCapBytes, KernelImports kernels) {
        this.mode = mode;
        this.maxModuleBytes = maxModuleBytes;
        this.memoryCapPages = (int) Math.min(MemoryLimits.MAX_PAGES, memoryCapBytes / PAGE_BYTES);
        this.kernels = kernels;
    }

    /** Checks the size and the bytes, links the imports, and compiles. */
    public CompiledFunction compile(FunctionModule module, byte[] bytes) {
        String where = "\"" + module.name() + "\"";
        if (bytes.length > maxModuleBytes) {
            throw new BodyTooLargeException(
                    bytes.length
                            + " bytes: module "
                            + where
                            + " is over the "
                            + maxModuleBytes
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
        WasmModule wasm;
        try {
            wasm = Parser.parse(bytes);
        } catch (ChicoryException e) {
            throw new MalformedModuleException(
                    where + ": invalid Wasm module: " + e.getMessage(), e);
        }
        checkImports(where, wasm);
        MemoryLimits limits = memoryLimits(where, wasm);
        Map<String, ExportSignature> exports = exports(where, wasm, limits);
        return new CompiledFunction(
                module,
                wasm,
                machineFactory(where, wasm),
                new CompiledFunction.InstanceSettings(kernels.imports(), limits, memoryCapPages),
                exports);
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
