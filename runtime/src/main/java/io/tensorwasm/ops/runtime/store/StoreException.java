package io.tensorwasm.ops.runtime.store;

import io.tensorwasm.ops.runtime.function.FunctionException;

/**
 * The registry database failed; the message names the operation, never a credential. The API
 * answers it as a 500.
 */
public final class StoreException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
