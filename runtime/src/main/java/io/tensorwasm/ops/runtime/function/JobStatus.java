package io.tensorwasm.ops.runtime.function;

import java.util.Locale;

/** Where an async job is: {@code pending}, {@code running}, {@code succeeded}, {@code failed}. */
public enum JobStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED;

    /** The lower-case word the API uses. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True once the job has finished. */
    public boolean done() {
        return this == SUCCEEDED || this == FAILED;
    }
}
