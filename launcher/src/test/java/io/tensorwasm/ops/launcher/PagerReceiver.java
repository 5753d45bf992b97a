package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.testkit.HttpRecorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A person's pager behind the generic JSON webhook channel ({@link HttpRecorder} on 127.0.0.1; a
 * paging vendor's cloud cannot run here): the events it was sent, by incident and kind.
 */
final class PagerReceiver implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpRecorder http = HttpRecorder.answering(200, "{}");

    String url() {
        return http.url("/page").toString();
    }

    /** The events of one incident (by its dedup key) of one kind: trigger, acknowledge, resolve. */
    List<JsonNode> events(String dedupKey, String event) {
        return http.bodies().stream()
                .map(PagerReceiver::parse)
                .filter(e -> dedupKey.equals(e.path("dedup_key").asText()))
                .filter(e -> event.equals(e.path("event").asText()))
                .toList();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the pager got a body that is not JSON: " + body, e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
