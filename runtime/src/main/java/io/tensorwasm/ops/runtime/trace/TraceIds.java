package io.tensorwasm.ops.runtime.trace;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The {@code x-trace-id} of a request (issue #18): 32 hex digits, the W3C and OpenTelemetry form,
 * so the id a caller quotes is the id of the exported trace. A request that brings a valid one
 * keeps it; any other gets a new one, and the answer carries it either way.
 */
public final class TraceIds {

    /** The header, in requests and answers. */
    public static final String HEADER = "x-trace-id";

    private static final Pattern FORM = Pattern.compile("[0-9a-fA-F]{32}");
    private static final String INVALID = "0".repeat(32);

    private TraceIds() {}

    /** The id a request brought, lower-cased, when it is 32 hex digits and not all zero. */
    public static Optional<String> accept(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String id = header.strip().toLowerCase(Locale.ROOT);
        return FORM.matcher(id).matches() && !id.equals(INVALID)
                ? Optional.of(id)
                : Optional.empty();
    }

    /** A new id. */
    public static String make() {
        byte[] bytes = new byte[16];
        do {
            ThreadLocalRandom.current().nextBytes(bytes);
        } while (bytes[0] == 0 && HexFormat.of().formatHex(bytes).equals(INVALID));
        return HexFormat.of().formatHex(bytes);
    }

    /** The request's id: the one it brought, else a new one. */
    public static String of(String header) {
        return accept(header).orElseGet(TraceIds::make);
    }
}
