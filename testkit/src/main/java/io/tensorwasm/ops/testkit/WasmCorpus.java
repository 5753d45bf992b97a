package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The shared Wasm modules for tests, each built from the {@code .wat} beside it.
 *
 * <ul>
 *   <li>{@code ok}: export {@code add(i32, i32) -> i32}
 *   <li>{@code fib}: export {@code fib(i32) -> i32}, recursive
 *   <li>{@code trap}: export {@code run() -> i32}, executes {@code unreachable}
 *   <li>{@code endless}: export {@code run() -> i32}, never returns
 *   <li>{@code memory-hog}: export {@code run() -> i32}, grows memory until refused, then traps
 *   <li>{@code matmul}: exports {@code fill(n)}, {@code multiply(n)}, {@code checksum(n) -> f32}
 *       and {@code run(n) -> f32}: an n x n f32 matrix product (n up to 128) in pure Wasm
 *   <li>{@code matmul-kernel}: the same exports, the product computed by the host import {@code
 *       tensor_wasm.matmul}
 *   <li>{@code empty}: the empty module, {@value #EMPTY_BASE64}
 *   <li>{@code malformed}: bad magic header, no {@code .wat}
 * </ul>
 *
 * <pre>{@code
 * byte[] wasm = WasmCorpus.bytes("ok");
 * }</pre>
 */
public final class WasmCorpus {

    /** The names of the corpus modules. */
    public static final List<String> NAMES =
            List.of(
                    "ok",
                    "fib",
                    "trap",
                    "endless",
                    "memory-hog",
                    "matmul",
                    "matmul-kernel",
                    "empty",
                    "malformed");

    /** The empty module that the disaster-recovery smoke test deploys as {@code dr-smoke}. */
    public static final String EMPTY_BASE64 = "AGFzbQEAAAA=";

    private WasmCorpus() {}

    /** The module's bytes; an unknown name throws, it never returns null. */
    public static byte[] bytes(String name) {
        return read(name + ".wasm");
    }

    /** The module's bytes in base64, as {@code POST /functions} takes them. */
    public static String base64(String name) {
        return Base64.getEncoder().encodeToString(bytes(name));
    }

    /** The module's text source. */
    public static String wat(String name) {
        return new String(read(name + ".wat"), StandardCharsets.UTF_8);
    }

    private static byte[] read(String file) {
        String resource = "/wasm-corpus/" + file;
        try (InputStream in = WasmCorpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        file + ": no such file in the Wasm corpus; modules are " + NAMES);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
    }
}
