package io.tensorwasm.ops.runtime.function;

import io.tensorwasm.ops.runtime.gpu.KernelDispatcher;
import io.tensorwasm.ops.runtime.gpu.KernelImports;
import io.tensorwasm.ops.runtime.metrics.BuildInfo;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/** Compiles corpus and test modules the way the registry does, without a database. */
final class TestFunctions {

    static final long MIB = 1024 * 1024;

    private TestFunctions() {}

    static RuntimeMetrics metrics() {
        return new RuntimeMetrics(BuildInfo.of("v0.0.0-test", "test", "dev"), "cpu");
    }

    static KernelImports kernels() {
        return new KernelImports(KernelDispatcher.cpu(Map.of()), metrics());
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

    static FunctionModule module(String name, long size) {
        return new FunctionModule(
                "fn_test_" + name, "7", name, "0".repeat(64), size, Instant.now());
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
