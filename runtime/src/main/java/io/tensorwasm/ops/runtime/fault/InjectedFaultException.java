package io.tensorwasm.ops.runtime.fault;

import io.tensorwasm.ops.runtime.function.FunctionException;

/** An invoke failed because fault injection said so; answered 500 {@code injected_fault}. */
public final class InjectedFaultException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public InjectedFaultException(String message) {
        super(message);
    }
}
