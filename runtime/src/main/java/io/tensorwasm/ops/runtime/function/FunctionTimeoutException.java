package io.tensorwasm.ops.runtime.function;

/** The guest was still running at its deadline and was interrupted. */
public final class FunctionTimeoutException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public FunctionTimeoutException(String message) {
        super(message);
    }

    public FunctionTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
