package io.tensorwasm.ops.runtime.function;

/** A request body or a module is larger than its configured cap. */
public final class BodyTooLargeException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(String message) {
        super(message);
    }

    public BodyTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
