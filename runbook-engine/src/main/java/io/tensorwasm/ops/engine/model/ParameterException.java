package io.tensorwasm.ops.engine.model;

/**
 * A run refused before step 1 because a parameter's value breaks its rule, or is missing: the
 * message names the parameter, the value and the rule.
 */
public final class ParameterException extends RunbookException {

    private static final long serialVersionUID = 1L;

    public ParameterException(String message) {
        super(message);
    }
}
