package io.tensorwasm.ops.oncall.access;

/**
 * A token just issued: the only moment its secret exists outside the holder's hands.
 *
 * @param token the full bearer token, {@code twc_<id>_<secret>}; shown once, stored nowhere
 * @param principal who it identifies
 */
public record IssuedToken(String token, Principal principal) {

    @Override
    public String toString() {
        return "IssuedToken[" + principal + "]";
    }
}
