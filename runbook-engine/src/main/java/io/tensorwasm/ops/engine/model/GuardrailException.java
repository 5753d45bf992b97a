package io.tensorwasm.ops.engine.model;

/** An automatic run refused by a guardrail: kill switch, rate, cooldown or a run in progress. */
public final class GuardrailException extends RunbookException {

    private static final long serialVersionUID = 1L;

    public GuardrailException(String message) {
        super(message);
    }
}
