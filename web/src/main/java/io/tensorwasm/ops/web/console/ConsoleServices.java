package io.tensorwasm.ops.web.console;

import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.auth.TokenStore;
import io.tensorwasm.ops.web.store.Database;
import java.util.Objects;

/**
 * Everything the console's routes use, built once by the server and reused by tests.
 *
 * @param config how the console runs
 * @param database the console's database
 * @param tokens console users
 * @param health the platform's health
 * @param csrfSecret the key that signs CSRF tokens, shared by every node
 */
public record ConsoleServices(
        ConsoleConfig config,
        Database database,
        TokenStore tokens,
        PlatformHealth health,
        String csrfSecret) {

    public ConsoleServices {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(csrfSecret, "csrfSecret");
    }
}
