package io.tensorwasm.ops.runtime.function;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A deployed function as the registry records it.
 *
 * @param id the stable id, {@code fn_} and 20 hex digits
 * @param tenant the tenant that owns it, {@code *} for an admin's
 * @param name the name given at deploy
 * @param sha256 the hex SHA-256 of the module bytes
 * @param sizeBytes the module size
 * @param createdAt when it was deployed
 */
public record FunctionModule(
        String id, String tenant, String name, String sha256, long sizeBytes, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public FunctionModule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(createdAt, "createdAt");
        checkName(name);
    }

    /** Rejects a name that is not 1 to 128 of {@code A-Z a-z 0-9 . _ -}, starting alphanumeric. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInvocationException(
                    (name == null ? "null" : "\"" + name + "\"")
                            + ": a function name is 1 to 128 letters, digits, '.', '_' or '-',"
                            + " starting with a letter or digit");
        }
        return name;
    }
}
