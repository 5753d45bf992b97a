package io.tensorwasm.ops.runtime.function;

/** No function (or job) has the requested id. */
public final class UnknownFunctionException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public UnknownFunctionException(String message) {
        super(message);
    }

    public UnknownFunctionException(String message, Throwable cause) {
        super(message, cause);
    }
}
