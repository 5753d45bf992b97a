package io.tensorwasm.ops.engine.model;

/** The root of the engine's exceptions; each subclass is a category callers handle apart. */
public class RunbookException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RunbookException(String message) {
        super(message);
    }

    public RunbookException(String message, Throwable cause) {
        super(message, cause);
    }
}
