package io.tensorwasm.ops.runtime.gpu;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Value;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A guest built from {@code modules/kernels.wat}, which re-exports every kernel, linked against the
 * CPU backend: tests place arrays in its memory and call the kernels through the host imports.
 */
final class GuestKernels {

    final RuntimeMetrics metrics =
            new RuntimeMetrics(BuildInfo.of("v0.0.0", "test", "dev"), "cpu", KernelImports.KERNELS);
    final KernelImports imports =
            new KernelImports(KernelBackends.choose(GpuMode.CPU, null).kernels(), metrics);
    final Instance instance;

    GuestKernels(String module) {
        instance =
                Instance.builder(Parser.parse(module(module)))
                        .withImportValues(imports.imports())
                        .withMemoryFactory(ByteArrayMemory::new)
                        .build();
    }

    Memory memory() {
        return instance.memory();
    }

    void write(int address, float[] values) {
        for (int i = 0; i < values.length; i++) {
            memory().writeF32(address + 4 * i, values[i]);
        }
    }

    float[] read(int address, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = memory().readFloat(address + 4 * i);
        }
        return values;
    }

    /** Calls an export; i32 arguments as ints, f32 as floats. Returns the f32 result, or NaN. */
    float call(String export, Object... args) {
        long[] raw = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            raw[i] =
                    args[i] instanceof Float f
                            ? Value.floatToLong(f)
                            : ((Integer) args[i]).longValue();
        }
        long[] result = instance.export(export).apply(raw);
        return result == null || result.length == 0 ? Float.NaN : Value.longToFloat(result[0]);
    }

    String scrape() {
        return new String(metrics.scrape(), StandardCharsets.UTF_8);
    }

    static byte[] module(String name) {
        String resource = "/modules/" + name + ".wasm";
        try (InputStream in = GuestKernels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": no such test module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
