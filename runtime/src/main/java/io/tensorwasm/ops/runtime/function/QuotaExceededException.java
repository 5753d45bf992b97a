package io.tensorwasm.ops.runtime.function;

/** A deploy would take a tenant past its function count or module bytes (issue #16). */
public final class QuotaExceededException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public QuotaExceededException(String message) {
        super(message);
    }
}
