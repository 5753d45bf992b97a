package io.tensorwasm.ops.oncall.access;

import java.util.Objects;

/**
 * A signed-in console user.
 *
 * @param tokenId the public id of the token used; never the secret
 * @param name who the token was issued to
 * @param role what they may do
 */
public record Principal(String tokenId, String name, Role role) {

    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
    }
}
