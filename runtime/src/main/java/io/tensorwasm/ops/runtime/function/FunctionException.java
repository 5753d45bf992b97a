package io.tensorwasm.ops.runtime.function;

/** The root of every failure the runtime reports to a caller; each subclass is one category. */
public class FunctionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public FunctionException(String message) {
        super(message);
    }

    public FunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
