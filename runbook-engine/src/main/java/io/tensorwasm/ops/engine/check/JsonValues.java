package io.tensorwasm.ops.engine.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns JSON into the values CEL reads: Long, Double, String, Boolean, List, Map, null value. */
public final class JsonValues {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonValues() {}

    /** Parses text as JSON, or returns empty when it is not JSON. */
    public static Optional<Object> parse(String text) {
        String trimmed = text.strip();
        if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) {
            return Optional.empty();
        }
        try {
            return Optional.of(of(JSON.readTree(trimmed)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ignored) {
            return Optional.empty();
        }
    }

    /** The CEL value of a JSON tree. */
    public static Object of(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> map.put(e.getKey(), of(e.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(of(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        return node.asText();
    }
}
