package io.tensorwasm.ops.oncall.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * Something that happened in a live run, as the event stream sends it.
 *
 * @param number its place in the run's events, from 1; the stream's event id
 * @param type {@code step-started}, {@code poll}, {@code step-finished}, {@code question}, {@code
 *     answered}, {@code abort-requested} or {@code finished}
 * @param data what the page needs to show it
 */
public record RunEvent(long number, String type, ObjectNode data) {

    public RunEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    /** The event in the {@code text/event-stream} format, one JSON line of data. */
    public String wire() {
        return "id: " + number + "\nevent: " + type + "\ndata: " + data.toString() + "\n\n";
    }
}
