package io.tensorwasm.ops.runtime.store;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** A backup cannot be taken or restored; the message names the file or directory and the rule. */
public final class BackupException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public BackupException(String message) {
        super(message);
    }

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
