package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** The request body is not the JSON the route takes. */
final class BadRequestException extends FunctionException {

    private static final long serialVersionUID = 1L;

    BadRequestException(String message) {
        super(message);
    }
}
