package io.tensorwasm.ops.runtime.gpu;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Compiled kernel modules, one per device and PTX text, keyed by the SHA-256 of the PTX: the JIT
 * cache of the seeds (which key it with BLAKE3; the JDK ships SHA-256). Loading PTX makes the
 * driver compile it for the device, which takes milliseconds, so it happens once per device.
 *
 * @param <M> the loaded module, {@code CUmodule} for CUDA
 */
final class ModuleCache<M> {

    private final ConcurrentHashMap<Key, M> modules = new ConcurrentHashMap<>();

    /** The module for the PTX on the device, loaded by {@code load} the first time only. */
    M get(int device, byte[] ptx, Function<byte[], M> load) {
        return modules.computeIfAbsent(new Key(device, sha256(ptx)), key -> load.apply(ptx));
    }

    /** How many modules are loaded. */
    int size() {
        return modules.size();
    }

    /** The lowercase hex SHA-256 of the bytes. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A device ordinal and the hash of the PTX loaded on it. */
    record Key(int device, String ptxSha256) {}
}
