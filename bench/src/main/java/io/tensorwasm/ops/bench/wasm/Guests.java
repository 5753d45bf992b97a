package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import io.tensorwasm.ops.bench.http.SizedModules;
import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.gpu.KernelBackends;
import io.tensorwasm.ops.runtime.gpu.KernelDispatcher;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.ByteArrayOutputStream;

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

    /**
     * A module exporting {@code run(i32) -> i32} that adds 1 to its argument {@code additions}
     * times in straight-line code: {@code 2 + 2 * additions} instructions, each run once per call,
     * so the longest call the runtime runs on the caller's thread (issue #22) is one of these.
     */
    static byte[] straightLine(int additions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0x20, 0});
        for (int i = 0; i < additions; i++) {
            body.writeBytes(new byte[] {0x41, 1, 0x6a});
        }
        body.write(0x0b);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(1);
        SizedModules.leb128(code, body.size());
        code.writeBytes(body.toByteArray());
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        SizedModules.section(module, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f});
        SizedModules.section(module, 3, new byte[] {1, 0});
        SizedModules.section(module, 7, new byte[] {1, 3, 'r', 'u', 'n', 0, 0});
        SizedModules.section(module, 10, code.toByteArray());
        return module.toByteArray();
    }
}
