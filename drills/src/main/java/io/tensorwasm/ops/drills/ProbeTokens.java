package io.tensorwasm.ops.drills;

import java.util.List;

/**
 * The console's tokens as the drills need them: the paging drill follows every {@code runbook_url}
 * into the console with a viewer token this node issues itself at start and revokes at stop. The
 * console implements it over its token store.
 */
public interface ProbeTokens {

    /**
     * A token as listed: never its secret.
     *
     * @param id the token's id
     * @param name who or what holds it
     */
    record Token(String id, String name) {}

    /**
     * A newly issued token.
     *
     * @param id the token's id, to revoke it by
     * @param secret the token itself, kept in memory only
     */
    record Issued(String id, String secret) {}

    /** Every active token. */
    List<Token> list();

    /** Issues a token with the viewer role under the name. */
    Issued issueViewer(String name);

    /** Revokes the token; revoking one already gone does nothing. */
    void revoke(String id);
}
