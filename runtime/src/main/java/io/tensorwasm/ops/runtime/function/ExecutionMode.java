package io.tensorwasm.ops.runtime.function;

import java.util.Locale;

/** How a function's code runs: Chicory's bytecode compiler, or its interpreter. */
public enum ExecutionMode {
    COMPILED,
    INTERPRETED;

    /** {@code compiled} or {@code interpreted}, as the API and the configuration spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@code compiled} or {@code interpreted}. */
    public static ExecutionMode parse(String text) {
        for (ExecutionMode mode : values()) {
            if (mode.label().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw new IllegalArgumentException(
                "\"" + text + "\": execution mode must be compiled or interpreted");
    }
}
