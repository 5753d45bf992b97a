package io.tensorwasm.ops.runtime.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The allow-list from {@code TENSOR_WASM_API_TOKENS}: {@code TOKEN:tenant=ID} entries separated by
 * commas, {@code ID} a tenant or {@code *} for an admin. Empty means dev mode. Lookups compare
 * SHA-256 digests with {@link MessageDigest#isEqual} over every entry, so the time taken says
 * nothing about the tokens. No message ever contains a token.
 */
final class ApiTokens {

    private record Entry(byte[] digest, String tenant) {}

    private final List<Entry> entries;

    private ApiTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Parses the variable's value; errors name the entry by position, never by its token. */
    static ApiTokens parse(String spec) {
        List<Entry> entries = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return new ApiTokens(entries);
        }
        String[] parts = spec.split(",");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].strip();
            int colon = part.lastIndexOf(":tenant=");
            if (colon <= 0) {
                throw new IllegalArgumentException(
                        "entry "
                                + (i + 1)
                                + " of TENSOR_WASM_API_TOKENS: no token:tenant=ID form;"
                                + " write TOKEN:tenant=ID, or TOKEN:tenant=* for an admin");
            }
            String tenant = part.substring(colon + ":tenant=".length()).strip();
            if (!tenant.equals(Caller.ADMIN) && !tenant.matches("[A-Za-z0-9._-]{1,128}")) {
                throw new IllegalArgumentException(
                        "\""
                                + tenant
                                + "\": entry "
                                + (i + 1)
                                + " of TENSOR_WASM_API_TOKENS"
                                + " needs a tenant of letters, digits, '.', '_' or '-', or *");
            }
            entries.add(new Entry(digest(part.substring(0, colon)), tenant));
        }
        return new ApiTokens(entries);
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
