package io.tensorwasm.ops.runtime.gpu;

import java.util.Locale;

/** Where a kernel runs; the label is the {@code backend} label of the dispatch metrics. */
public enum Backend {
    CPU,
    CUDA;

    /** The metric label: {@code cpu} or {@code cuda}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
