package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** The request carries no bearer token, or one the server does not know. */
final class UnauthorizedException extends FunctionException {

    private static final long serialVersionUID = 1L;

    UnauthorizedException(String message) {
        super(message);
    }
}
