package io.tensorwasm.ops.runtime.function;

/** The worker pool's queue is full; the caller should retry later. */
public final class CapacityExceededException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public CapacityExceededException(String message) {
        super(message);
    }

    public CapacityExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
