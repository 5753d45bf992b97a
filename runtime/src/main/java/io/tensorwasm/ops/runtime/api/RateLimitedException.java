package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** The tenant's token bucket is empty; {@link #retryAfterSeconds()} says when one is back. */
final class RateLimitedException extends FunctionException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    RateLimitedException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds until the bucket holds a token again, at least 1. */
    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
