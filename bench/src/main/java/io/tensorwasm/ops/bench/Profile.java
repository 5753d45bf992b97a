package io.tensorwasm.ops.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording reduced to what explains a benchmark: the share of CPU samples by component (the
 * first frame from the top that belongs to a known package) and the hottest methods by self
 * samples.
 */
public final class Profile {

    private static final List<String[]> COMPONENTS =
            List.of(
                    new String[] {"com.dylibso.chicory", "Chicory (Wasm instantiate and run)"},
                    new String[] {"io.tensorwasm.ops.runtime", "runtime (routes, auth, invoker)"},
                    new String[] {"io.prometheus", "metrics"},
                    new String[] {"com.fasterxml.jackson", "JSON (Jackson)"},
                    new String[] {"io.vertx", "Vert.x"},
                    new String[] {"io.netty", "Netty (HTTP, sockets)"});

    /** For samples with no library frame at all: by the JDK package on top. */
    private static final List<String[]> JDK =
            List.of(
                    new String[] {"java.util.concurrent", "thread hand-off (j.u.c)"},
                    new String[] {"sun.nio", "NIO"},
                    new String[] {"", "JDK other"});

    private Profile() {}

    /** {@code Profile RECORDING.jfr OUT.json}: writes the summary of a recording. */
    public static void main(String[] args) throws IOException {
        Files.writeString(Path.of(args[1]), summarize(Path.of(args[0]), 12).encodePrettily());
    }

    /** The summary of a recording: samples, component shares, top methods. */
    public static JsonObject summarize(Path recording, int top) throws IOException {
        Map<String, Integer> components = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                    || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            methods.merge(name(frames.get(0)), 1, Integer::sum);
            components.merge(component(frames), 1, Integer::sum);
        }
        return new JsonObject()
                .put("samples", samples)
                .put("components", ranked(components, samples, components.size()))
                .put("methods", ranked(methods, samples, top));
    }

    /** The first library from the top of the stack, so JDK code counts for its caller. */
    private static String component(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            for (String[] component : COMPONENTS) {
                if (type.startsWith(component[0])) {
                    return component[1];
                }
            }
        }
        String top = frames.get(0).getMethod().getType().getName();
        return JDK.stream().filter(c -> top.startsWith(c[0])).findFirst().orElseThrow()[1];
    }

    private static String name(RecordedFrame frame) {
        String type = frame.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
    }

    private static JsonArray ranked(Map<String, Integer> counts, int samples, int top) {
        JsonArray ranked = new JsonArray();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(
                        e ->
                                ranked.add(
                                        new JsonObject()
                                                .put("name", e.getKey())
                                                .put("share", (double) e.getValue() / samples)));
        return ranked;
    }
}
