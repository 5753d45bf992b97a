package io.tensorwasm.ops.runtime.function;

/** The guest trapped: unreachable, out-of-bounds access, or a memory grow past the cap. */
public final class FunctionTrapException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public FunctionTrapException(String message) {
        super(message);
    }

    public FunctionTrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
