package io.tensorwasm.ops.engine.model;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One member of a fleet: a runtime replica with its own URL, the adapter that starts and stops it,
 * and its server in the load balancer's backend.
 *
 * @param name its name, unique in the fleet: what {@code {member}} and records show
 * @param url its runtime's base URL, {@code {member.url}}; not the load balancer's
 * @param target how its process is driven
 * @param server its server in the load balancer's backend, {@code {member.server}}
 */
public record FleetMember(String name, URI url, MemberTarget target, String server) {

    /** The placeholders a fleet step may use, filled from the member it runs for. */
    public static final List<String> PLACEHOLDERS =
            List.of("member", "member.url", "member.server", "member.instance");

    private static final String NAME = "[a-z0-9][a-z0-9._-]*";

    public FleetMember {
        requireName(name, "member");
        Objects.requireNonNull(target, "target");
        requireUrl(url, "member " + name);
        if (server == null || !server.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException(
                    "\""
                            + server
                            + "\": member "
                            + name
                            + " needs a load-balancer server name (letters, digits, . _ -)");
        }
    }

    /**
     * Its {@code instance} label as Prometheus scrapes it: {@code host:port} of its URL, the port
     * the scheme's default when the URL has none.
     */
    public String instance() {
        int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        return url.getHost() + ":" + port;
    }

    /** The values of {@link #PLACEHOLDERS} for this member. */
    public Map<String, String> placeholders() {
        return Map.of(
                "member",
                name,
                "member.url",
                base(),
                "member.server",
                server,
                "member.instance",
                instance());
    }

    /** Its base URL without a trailing slash. */
    public String base() {
        return Texts.base(url);
    }

    static void requireName(String name, String what) {
        if (name == null || !name.matches(NAME)) {
            throw new IllegalArgumentException(
                    "\""
                            + name
                            + "\": a "
                            + what
                            + " name is lowercase letters, digits, '.', '_' and '-'");
        }
    }

    static void requireUrl(URI url, String what) {
        Objects.requireNonNull(url, what + " url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException(
                    "\"" + url + "\": " + what + " needs an http(s) URL with a host");
        }
    }
}
