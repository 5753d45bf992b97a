package io.tensorwasm.ops.runtime.gpu;

import java.util.Locale;

/** How the runtime picks its kernel backend: {@code TENSOR_WASM_GPU=auto|cuda|cpu}. */
public enum GpuMode {
    /** CUDA when a device answers, the CPU otherwise; one log line says which and why. */
    AUTO,
    /** CUDA or fail at start. */
    CUDA,
    /** The CPU, without probing for CUDA. */
    CPU;

    /** Reads {@code auto}, {@code cuda} or {@code cpu}, in any case. */
    public static GpuMode parse(String value) {
        for (GpuMode mode : values()) {
            if (mode.label().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "\"" + value + "\": TENSOR_WASM_GPU must be auto, cuda or cpu");
    }

    /** The value as written in {@code TENSOR_WASM_GPU}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
