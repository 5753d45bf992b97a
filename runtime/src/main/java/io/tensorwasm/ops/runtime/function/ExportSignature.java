package io.tensorwasm.ops.runtime.function;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An exported function's name and signature, and the conversion between JSON numbers and Wasm
 * values: i32 and i64 take whole numbers, f32 and f64 any number.
 *
 * @param name the export name
 * @param params the parameter types, {@code i32 i64 f32 f64}
 * @param results the result types
 */
public record ExportSignature(String name, List<String> params, List<String> results) {

    private static final long I32_MIN = Integer.MIN_VALUE;
    private static final long U32_MAX = 0xFFFF_FFFFL;

    public ExportSignature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    static ExportSignature of(String name, FunctionType type) {
        return new ExportSignature(name, names(type.params()), names(type.returns()));
    }

    /** The signatures as the JSON array the registry stores and {@code GET /functions} shows. */
    static String toJson(Collection<ExportSignature> exports) {
        JsonArray out = new JsonArray();
        for (ExportSignature e : exports) {
            out.add(
                    new JsonObject()
                            .put("name", e.name())
                            .put("params", new JsonArray(e.params()))
                            .put("results", new JsonArray(e.results())));
        }
        return out.encode();
    }

    /** The signatures of {@link #toJson}, by name, in order. */
    static Map<String, ExportSignature> parseAll(String json) {
        Map<String, ExportSignature> out = new LinkedHashMap<>();
        for (Object item : new JsonArray(json)) {
            JsonObject e = (JsonObject) item;
            out.put(
                    e.getString("name"),
                    new ExportSignature(
                            e.getString("name"),
                            strings(e.getJsonArray("params")),
                            strings(e.getJsonArray("results"))));
        }
        return out;
    }

    private static List<String> strings(JsonArray array) {
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            out.add(array.getString(i));
        }
        return out;
    }

    /** True when every parameter and result is a number type the API can carry. */
    boolean numeric() {
        for (String type : params) {
            if (!supported(type)) {
                return false;
            }
        }
        for (String type : results) {
            if (!supported(type)) {
                return false;
            }
        }
        return true;
    }

    /** Converts JSON arguments to Wasm values, or throws naming the argument that does not fit. */
    long[] toWasm(String function, List<?> args) {
        if (!numeric()) {
            throw new InvalidInvocationException(
                    function
                            + "."
                            + name
                            + ": takes "
                            + params
                            + " and returns "
                            + results
                            + "; only i32, i64, f32 and f64 cross the API");
        }
        if (args.size() != params.size()) {
            throw new InvalidInvocationException(
                    args.size()
                            + " arguments: "
                            + function
                            + "."
                            + name
                            + " takes "
                            + params.size()
                            + " "
                            + params);
        }
        long[] values = new long[args.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = convert(function, i, args.get(i));
        }
        return values;
    }

    /** Converts Wasm results to JSON numbers. */
    List<Number> fromWasm(long[] raw) {
        List<Number> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size() && raw != null && i < raw.length; i++) {
            out.add(
                    switch (results.get(i)) {
                        case "i32" -> (int) raw[i];
                        case "i64" -> raw[i];
                        case "f32" -> Float.intBitsToFloat((int) raw[i]);
                        default -> Double.longBitsToDouble(raw[i]);
                    });
        }
        return out;
    }

    private long convert(String function, int index, Object arg) {
        String type = params.get(index);
        if (!(arg instanceof Number number)) {
            throw new InvalidInvocationException(
                    arg + ": " + where(function, index) + " must be a number (" + type + ")");
        }
        switch (type) {
            case "f32":
                return Float.floatToRawIntBits(number.floatValue()) & U32_MAX;
            case "f64":
                return Double.doubleToRawLongBits(number.doubleValue());
            default:
                boolean fits;
                long value;
                if (number instanceof Integer || number instanceof Long) {
                    // What JSON's whole numbers parse to: exact, no decimal detour (issue #22).
                    value = number.longValue();
                    fits = type.equals("i64") || (value >= I32_MIN && value <= U32_MAX);
                } else {
                    BigDecimal exact = new BigDecimal(number.toString());
                    if (exact.stripTrailingZeros().scale() > 0) {
                        throw new InvalidInvocationException(
                                arg
                                        + ": "
                                        + where(function, index)
                                        + " must be a whole number ("
                                        + type
                                        + ")");
                    }
                    value = exact.longValue();
                    fits =
                            type.equals("i64")
                                    ? exact.compareTo(BigDecimal.valueOf(value)) == 0
                                    : value >= I32_MIN && value <= U32_MAX;
                }
                if (!fits) {
                    throw new InvalidInvocationException(
                            arg + ": " + where(function, index) + " is out of range for " + type);
                }
                return value;
        }
    }

    private String where(String function, int index) {
        return function + "." + name + " argument " + (index + 1);
    }

    private static boolean supported(String type) {
        return type.equals("i32") || type.equals("i64") || type.equals("f32") || type.equals("f64");
    }

    private static List<String> names(List<ValType> types) {
        List<String> out = new ArrayList<>(types.size());
        for (ValType t : types) {
            out.add(name(t));
        }
        return out;
    }

    private static String name(ValType type) {
        if (type.equals(ValType.I32)) {
            return "i32";
        } else if (type.equals(ValType.I64)) {
            return "i64";
        } else if (type.equals(ValType.F32)) {
            return "f32";
        } else if (type.equals(ValType.F64)) {
            return "f64";
        }
        return type.toString().toLowerCase(Locale.ROOT);
    }
}
