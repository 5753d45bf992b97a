package io.tensorwasm.ops.runtime.function;

/** The invoke request names no usable export or passes arguments that do not fit it. */
public final class InvalidInvocationException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public InvalidInvocationException(String message) {
        super(message);
    }

    public InvalidInvocationException(String message, Throwable cause) {
        super(message, cause);
    }
}
