package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tensorwasm.ops.oncall.schedule.EscalationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * The demo's rotation: three people's pagers and the maintainers list behind the generic JSON
 * webhook channel, served on 127.0.0.1 by this process. Each page that arrives is shown as it
 * arrives and appended, with its tier ({@code maintainers} for the list), to a JSON-lines file.
 *
 * <pre>{@code
 * {"tier":"primary","page":{"event":"trigger","dedup_key":"...","alert":"...",...}}
 * }</pre>
 */
final class DemoPager implements AutoCloseable {

    /** The tiers of the rotation file, with the person on each. */
    static final List<String> TIERS = EscalationPolicy.TIER_NAMES;

    static final List<String> PEOPLE = List.of("Ana", "Bo", "Cy");

    /** The maintainers list's place in the file of pages. */
    static final String MAINTAINERS = "maintainers";

    private final HttpServer server;
    private final Path received;

    private DemoPager(HttpServer server, Path received) {
        this.server = server;
        this.received = received;
    }

    /**
     * Serves the pagers on a free port of 127.0.0.1.
     *
     * @param received the JSON-lines file every page is appended to
     * @param shown called with one line for each page that arrives
     */
    static DemoPager start(Path received, Consumer<String> shown) throws IOException {
        HttpServer server =
                HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DemoPager pager = new DemoPager(server, received);
        for (int i = 0; i < TIERS.size(); i++) {
            String tier = TIERS.get(i);
            String person = PEOPLE.get(i);
            server.createContext("/" + tier, exchange -> pager.page(exchange, tier, person, shown));
        }
        server.createContext(
                "/" + MAINTAINERS,
                exchange -> pager.page(exchange, MAINTAINERS, "the maintainers list", shown));
        server.start();
        return pager;
    }

    /** A rotation file whose three tiers page these pagers. */
    String rotationFile(String ackTimeout) {
        StringBuilder yaml =
                new StringBuilder("# The demo's rotation: JSON webhooks served by twops demo.\n")
                        .append("ack_timeout: ")
                        .append(ackTimeout)
                        .append('\n');
        for (int i = 0; i < TIERS.size(); i++) {
            yaml.append(TIERS.get(i))
                    .append(": {person: ")
                    .append(PEOPLE.get(i))
                    .append(", channel: webhook, url: \"")
                    .append(url(TIERS.get(i)))
                    .append("\"}\n");
        }
        return yaml.append("maintainers:\n")
                .append("  addresses: [maintainers@example.org]\n")
                .append("  channel: webhook\n")
                .append("  url: \"")
                .append(url(MAINTAINERS))
                .append("\"\n")
                .toString();
    }

    /** The URL of a tier's pager. */
    URI url(String tier) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + tier);
    }

    private void page(HttpExchange exchange, String tier, String person, Consumer<String> shown)
            throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode page = LoopClient.parse(body);
            record(tier, body);
            String event = page.path("event").asText();
            shown.accept(
                    (tier.equals(MAINTAINERS) ? person : person + " (" + tier + ")")
                            + (event.startsWith("a") ? " got an " : " got a ")
                            + event
                            + (page.hasNonNull("alert")
                                    ? " for " + page.path("alert").asText()
                                    : "")
                            + (page.hasNonNull("incident_url")
                                    ? ": " + page.path("incident_url").asText()
                                    : ""));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        } finally {
            exchange.close();
        }
    }

    private synchronized void record(String tier, String body) {
        try {
            Files.writeString(
                    received,
                    "{\"tier\":\"" + tier + "\",\"page\":" + body.strip() + "}\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(received + ": cannot append the page", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
