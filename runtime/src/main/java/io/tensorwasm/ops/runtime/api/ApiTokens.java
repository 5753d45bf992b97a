package io.tensorwasm.ops.runtime.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The allow-list from {@code TENSOR_WASM_API_TOKENS}: {@code TOKEN:tenant=ID} entries separated by
 * commas, {@code ID} a tenant or {@code *} for an admin; a bare {@code TOKEN} is an admin, with a
 * warning. Empty means dev mode. Lookups compare SHA-256 digests with {@link MessageDigest#isEqual}
 * over every entry, so the time taken says nothing about the tokens. No message ever contains a
 * token.
 */
final class ApiTokens {

    private record Entry(byte[] digest, String tenant) {}

    private final List<Entry> entries;
    private final List<String> warnings;

    private ApiTokens(List<Entry> entries, List<String> warnings) {
        this.entries = List.copyOf(entries);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Parses the variable's value; errors and warnings name the entry by position, never by its
     * token. A bare token (no {@code :tenant=}) is the form before scoped tokens: it is read as an
     * admin, {@code TOKEN:tenant=*}, with a warning that says how to write it (seed 002 treats it
     * as deprecated, not as an error).
     */
    static ApiTokens parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new ApiTokens(entries, warnings);
        }
        String[] parts = spec.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            String where = "entry " + (i + 1) + " of TENSOR_WASM_API_TOKENS";
            int colon = part.lastIndexOf(":tenant=");
            if (part.isEmpty() || colon == 0) {
                throw new IllegalArgumentException(
                        where
                                + ": no token; write TOKEN:tenant=ID, or TOKEN:tenant=* for an"
                                + " admin, separated by commas");
            }
            if (colon < 0) {
                warnings.add(
                        where
                                + " is a bare token, read as an admin of every tenant"
                                + " (TOKEN:tenant=*); write TOKEN:tenant=ID to scope it to one"
                                + " tenant, or TOKEN:tenant=* to keep it an admin");
                entries.add(new Entry(digest(part), Caller.ADMIN));
                continue;
            }
            String tenant = part.substring(colon + ":tenant=".length()).strip();
            if (!tenant.equals(Caller.ADMIN) && !tenant.matches("[A-Za-z0-9._-]{1,128}")) {
                throw new IllegalArgumentException(
                        "\""
                                + tenant
                                + "\": "
                                + where
                                + " needs a tenant of letters, digits, '.', '_' or '-', or *");
            }
            entries.add(new Entry(digest(part.substring(0, colon)), tenant));
        }
        return new ApiTokens(entries, warnings);
    }

    /** What start should warn about: bare tokens, each with its fix. */
    List<String> warnings() {
        return warnings;
    }

    /** True when no token is configured: every request is admitted. */
    boolean devMode() {
        return entries.isEmpty();
    }

    /** The tenant of the token, looked up in constant time. */
    Optional<String> tenantOf(String token) {
        byte[] presented = digest(token);
        String found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
