package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.gpu.KernelBackends;
import io.tensorwasm.ops.runtime.gpu.KernelDispatcher;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.WasmCorpus;

/** Corpus modules instantiated the way the runtime does, on the interpreter or the compiler. */
final class Guests {

    private Guests() {}

    /** Metrics and kernel imports on the backend {@code auto} picks (the CPU without a GPU). */
    static KernelImports kernels(RuntimeMetrics metrics) {
        KernelDispatcher dispatcher = KernelBackends.select(GpuMode.AUTO);
        return new KernelImports(dispatcher, metrics);
    }

    /** Fresh runtime metrics labelled for the backend {@code auto} picks. */
    static RuntimeMetrics metrics() {
        try (KernelDispatcher probe = KernelBackends.select(GpuMode.AUTO)) {
            return new RuntimeMetrics(
                    BuildInfo.of(RuntimeConfig.version(), "bench", "bench"),
                    probe.backend().label(),
                    KernelImports.KERNELS);
        }
    }

    /** The corpus module on the interpreter. */
    static Instance interpreted(String name, ImportValues imports) {
        return Instance.builder(parse(name))
                .withImportValues(imports)
                .withMemoryFactory(ByteArrayMemory::new)
                .build();
    }

    /** The corpus module compiled once to JVM bytecode, as the runtime does at deploy. */
    static Instance compiled(String name, ImportValues imports) {
        WasmModule module = parse(name);
        return Instance.builder(module)
                .withImportValues(imports)
                .withMemoryFactory(ByteArrayMemory::new)
                .withMachineFactory(MachineFactoryCompiler.compile(module))
                .build();
    }

    static WasmModule parse(String name) {
        return Parser.parse(WasmCorpus.bytes(name));
    }
}
