package io.tensorwasm.ops.runtime.function;

/** The uploaded bytes are not a valid Wasm module, or the module cannot be linked. */
public final class MalformedModuleException extends FunctionException {

    private static final long serialVersionUID = 1L;

    public MalformedModuleException(String message) {
        super(message);
    }

    public MalformedModuleException(String message, Throwable cause) {
        super(message, cause);
    }
}
