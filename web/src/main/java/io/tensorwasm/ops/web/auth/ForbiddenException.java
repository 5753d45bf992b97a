package io.tensorwasm.ops.web.auth;

/** The caller is signed in but their role does not allow the action; the page says why. */
public final class ForbiddenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A refusal whose message is shown to the user as it is. */
    public ForbiddenException(String message) {
        super(message, null, false, false);
    }
}
