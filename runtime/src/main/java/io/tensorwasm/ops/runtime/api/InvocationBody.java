package io.tensorwasm.ops.runtime.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tensorwasm.ops.runtime.function.Invocation;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /functions/{id}/invoke} and {@code invoke-async}: {@code {"export":
 * "add", "args": [2, 3], "timeout_ms": 500}}, each field optional, others ignored, and an empty
 * body the same as {@code {}}. docs/API.md describes it.
 *
 * <p>A body of that shape, with a string export and only numbers in {@code args}, is read by
 * Jackson's streaming parser into what the invoke needs, with no {@link JsonObject} built on the
 * way: decoding the body into one took a tenth of the runtime's CPU per invoke (issue #22). Any
 * other body is decoded as a {@link JsonObject}, whose checks say what is wrong with it; the
 * numbers of both are Jackson's ({@code Integer}, {@code Long}, {@code BigInteger}, {@code
 * Double}), so the arguments' own checks see the same values either way.
 *
 * @param export the export to call, or null for the only one
 * @param args the arguments, unchecked
 * @param timeoutMs the {@code timeout_ms} asked for, unchecked, or null
 */
record InvocationBody(String export, List<?> args, Object timeoutMs) {

    private static final JsonFactory JSON = new JsonFactory();
    private static final InvocationBody EMPTY = new InvocationBody(null, List.of(), null);

    /** The body read, or a {@link BadRequestException} that says what is wrong with it. */
    static InvocationBody of(Buffer body) {
        if (body == null || body.length() == 0) {
            return EMPTY;
        }
        byte[] bytes = body.getBytes();
        InvocationBody streamed = streamed(bytes);
        return streamed != null ? streamed : decoded(body);
    }

    /** The call the body asks for. */
    Invocation invocation() {
        return new Invocation(export, args);
    }

    /** The common shape, or null for anything else, which {@link #decoded} reads again. */
    static InvocationBody streamed(byte[] bytes) {
        try (JsonParser parser = JSON.createParser(bytes)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String export = null;
            List<Object> args = null;
            Object timeout = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "export" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        export = parser.getText();
                    }
                    case "args" -> {
                        if (value != JsonToken.START_ARRAY) {
                            return null;
                        }
                        args = new ArrayList<>(4);
                        while ((value = parser.nextToken()) != JsonToken.END_ARRAY) {
                            if (value == null || !value.isNumeric()) {
                                return null;
                            }
                            args.add(parser.getNumberValue());
                        }
                    }
                    case "timeout_ms" -> {
                        if (value == null || !value.isNumeric()) {
                            return null;
                        }
                        timeout = parser.getNumberValue();
                    }
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
                return null;
            }
            return new InvocationBody(export, args == null ? List.of() : args, timeout);
        } catch (IOException e) {
            return null;
        }
    }

    static InvocationBody decoded(Buffer body) {
        JsonObject json = FunctionHandlers.jsonObject(body);
        Object export = json.getValue("export");
        Object args = json.getValue("args");
        if (export != null && !(export instanceof String)) {
            throw new BadRequestException(export + ": \"export\" must be a string");
        }
        if (args != null
                && (!(args instanceof JsonArray array) || array.getList().contains(null))) {
            throw new BadRequestException(args + ": \"args\" must be an array of numbers");
        }
        return new InvocationBody(
                (String) export,
                args == null ? List.of() : ((JsonArray) args).getList(),
                json.getValue("timeout_ms"));
    }
}
