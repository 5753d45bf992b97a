package io.tensorwasm.ops.runtime.store;

/** The registry database failed; the message names the operation, never a credential. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
