package io.tensorwasm.ops.runtime.function;

import io.tensorwasm.ops.runtime.gpu.GpuMode;
import io.tensorwasm.ops.runtime.gpu.KernelBackends;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/** Compiles corpus and test modules the way the registry does, without a database. */
final class TestFunctions {

    static final long MIB = 1024 * 1024;

    private TestFunctions() {}

    static RuntimeMetrics metrics() {
        return new RuntimeMetrics(
                BuildInfo.of("v0.0.0-test", "test", "dev"), "cpu", KernelImports.KERNELS);
    }

    static KernelImports kernels() {
        return new KernelImports(KernelBackends.select(GpuMode.CPU), metrics());
    }

    static FunctionCompiler compiler(ExecutionMode mode, long memoryCapBytes) {
        return new FunctionCompiler(mode, 16 * MIB, memoryCapBytes, kernels());
    }

    static CompiledFunction corpus(String name, ExecutionMode mode) {
        return compile(name, WasmCorpus.bytes(name), mode, 64 * MIB);
    }

    static CompiledFunction compile(String name, byte[] wasm, ExecutionMode mode, long cap) {
        return compiler(mode, cap).compile(module(name, wasm.length), wasm);
    }

    /** Compiles a test module against the given host kernels instead of the CPU backend. */
    static CompiledFunction compileWith(KernelImports kernels, String name, ExecutionMode mode) {
        byte[] wasm = testModule(name);
        return new FunctionCompiler(mode, 16 * MIB, 64 * MIB, kernels)
                .compile(module(name, wasm.length), wasm);
    }

    static FunctionModule module(String name, long size) {
        return new FunctionModule(
                "fn_test_" + name, "7", name, "0".repeat(64), size, Instant.now());
    }

    /**
     * A module exporting {@code sum(i32) -> i32} that adds 1 to its argument the given number of
     * times in one straight-line function; past about 60,000 additions the function is too big for
     * one JVM method, so Chicory's compiler refuses it.
     */
    static byte[] longFunction(int additions) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 0x20, 0}); // no locals; local.get 0
        for (int i = 0; i < additions; i++) {
            body.writeBytes(new byte[] {0x41, 1, 0x6a}); // i32.const 1; i32.add
        }
        body.write(0x0b);
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        code.write(1);
        leb128(code, body.size());
        code.writeBytes(body.toByteArray());
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(module, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f});
        section(module, 3, new byte[] {1, 0});
        section(module, 7, new byte[] {1, 3, 's', 'u', 'm', 0, 0});
        section(module, 10, code.toByteArray());
        return module.toByteArray();
    }

    /**
     * A module exporting {@code run(i32) -> i32} as the last of {@code depth + 1} functions, each
     * of which calls the one before it {@code calls} times (function 0 returns its argument): a
     * call graph without cycles whose instruction count grows as {@code calls} to the power of
     * {@code depth}.
     */
    static byte[] callChain(int depth, int calls) {
        ByteArrayOutputStream code = new ByteArrayOutputStream();
        leb128(code, depth + 1L);
        for (int f = 0; f <= depth; f++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(new byte[] {0, 0x20, 0}); // no locals; local.get 0
            for (int c = 0; f > 0 && c < calls; c++) {
                body.write(0x10); // call f - 1
                leb128(body, f - 1L);
            }
            body.write(0x0b);
            leb128(code, body.size());
            code.writeBytes(body.toByteArray());
        }
        ByteArrayOutputStream functions = new ByteArrayOutputStream();
        leb128(functions, depth + 1L);
        for (int f = 0; f <= depth; f++) {
            functions.write(0);
        }
        ByteArrayOutputStream exports = new ByteArrayOutputStream();
        exports.writeBytes(new byte[] {1, 3, 'r', 'u', 'n', 0});
        leb128(exports, depth);
        ByteArrayOutputStream module = new ByteArrayOutputStream();
        module.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
        section(module, 1, new byte[] {1, 0x60, 1, 0x7f, 1, 0x7f});
        section(module, 3, functions.toByteArray());
        section(module, 7, exports.toByteArray());
        section(module, 10, code.toByteArray());
        return module.toByteArray();
    }

    private static void section(ByteArrayOutputStream out, int id, byte[] content) {
        out.write(id);
        leb128(out, content.length);
        out.writeBytes(content);
    }

    private static void leb128(ByteArrayOutputStream out, long value) {
        long rest = value;
        do {
            int b = (int) (rest & 0x7f);
            rest >>>= 7;
            out.write(rest == 0 ? b : b | 0x80);
        } while (rest != 0);
    }

    /** A module from {@code src/test/resources/modules/}; a missing one throws. */
    static byte[] testModule(String name) {
        String resource = "/modules/" + name + ".wasm";
        try (InputStream in = TestFunctions.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + ": no such test module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
