package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** The caller's tenant does not own the function or job it names. */
final class ForbiddenException extends FunctionException {

    private static final long serialVersionUID = 1L;

    ForbiddenException(String message) {
        super(message);
    }
}
