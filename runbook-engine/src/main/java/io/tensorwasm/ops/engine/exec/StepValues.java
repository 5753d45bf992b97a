package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Runbook;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of the steps that have run in one execution, which later steps read as {@code
 * {steps.N.NAME}}: {@code {steps.34.body.id}} is field {@code id} of step 34's {@code body}. A
 * continuation starts with its parent's results for the steps before it (issue #19); the run's
 * parameter and var values travel with them.
 */
final class StepValues {

    private static final Pattern REFERENCE = Pattern.compile("steps\\.([0-9]+)\\.(.+)");

    private final Map<Integer, Map<String, Object>> byStep = new ConcurrentHashMap<>();
    private final long executionId;
    private final Map<String, String> inputs;

    /** Values outside any recorded run (a plan, a probe). */
    StepValues() {
        this(0, Map.of());
    }

    /**
     * The values of one run; {@code inputs} are its parameters and vars, which fill {@code {name}}.
     */
    StepValues(long executionId, Map<String, String> inputs) {
        this.executionId = executionId;
        this.inputs = Map.copyOf(inputs);
    }

    /**
     * The values of the runbook's vars in a run: the given ones (the request's), else the context's
     * variables, else the defaults of the front matter.
     */
    static Map<String, String> vars(
            Runbook runbook, Map<String, String> given, Map<String, String> variables) {
        Map<String, String> vars = new TreeMap<>();
        runbook.metadata()
                .vars()
                .forEach(
                        (name, fallback) ->
                                vars.put(
                                        name,
                                        given.getOrDefault(
                                                name, variables.getOrDefault(name, fallback))));
        return vars;
    }

    /** The run's parameter and var values, which win over the context's variables. */
    Map<String, String> inputs() {
        return inputs;
    }

    /** A step's result, if it left one (run here or inherited from the parent run). */
    Map<String, Object> get(int step) {
        return byStep.get(step);
    }

    /** A copy that takes later results without changing this one: a fleet member's values. */
    StepValues copy() {
        StepValues copy = new StepValues(executionId, inputs);
        copy.byStep.putAll(byStep);
        return copy;
    }

    /** The run the values belong to, 0 outside a recorded run; pages name it. */
    long executionId() {
        return executionId;
    }

    /** Keeps a step's result; a step that runs again replaces it. */
    void put(int step, Map<String, Object> result) {
        byStep.put(step, Map.copyOf(result));
    }

    /** Every result so far by step number, as a check reads them: {@code steps[21].status}. */
    Map<Long, Map<String, Object>> all() {
        Map<Long, Map<String, Object>> all = new HashMap<>();
        byStep.forEach((step, result) -> all.put((long) step, result));
        return all;
    }

    /** True when the name is a step reference such as {@code steps.3.body.id}. */
    static boolean isReference(String name) {
        return REFERENCE.matcher(name).matches();
    }

    /** True when the step a reference names has run and left its result. */
    boolean ran(String name) {
        Matcher m = REFERENCE.matcher(name);
        return m.matches() && byStep.containsKey(Integer.parseInt(m.group(1)));
    }

    /** The value a reference names, as text, or an exception that says why there is none. */
    String lookup(String name) {
        Matcher m = REFERENCE.matcher(name);
        if (!m.matches()) {
            throw new IllegalArgumentException("{" + name + "}: not a step reference");
        }
        int step = Integer.parseInt(m.group(1));
        Object value = byStep.get(step);
        if (value == null) {
            throw new IllegalStateException(
                    "{" + name + "} has no value: step " + step + " has not run in this execution");
        }
        for (String key : m.group(2).split("\\.")) {
            value = field(value, key);
            if (value == null) {
                throw new IllegalStateException(
                        "{"
                                + name
                                + "} has no value: the result of step "
                                + step
                                + " has no \""
                                + m.group(2)
                                + "\"");
            }
        }
        if (value instanceof Map || value instanceof List) {
            throw new IllegalStateException(
                    "{" + name + "} is not a single value but " + value + "; name one field of it");
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    private static Object field(Object value, String key) {
        if (value instanceof Map<?, ?> map) {
            return map.get(key);
        }
        if (value instanceof List<?> list && key.matches("[0-9]+")) {
            int index = Integer.parseInt(key);
            return index < list.size() ? list.get(index) : null;
        }
        return null;
    }
}
