package io.tensorwasm.ops.engine.check;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Texts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates checks with {@code metric()} and {@code promql()} bound to a metric source, and reports
 * what it observed: the values of the fields and metrics the expression read.
 *
 * <pre>{@code
 * CheckEvaluator checks = new CheckEvaluator(MetricSource.scrape(metricsUrl));
 * Evaluation e = checks.evaluate("metric(\"up\") > 0", Map.of());
 * }</pre>
 */
public final class CheckEvaluator {

    private static final int MAX_OBSERVED = 300;

    private final Cel cel;
    private final Map<String, CelRuntime.Program> programs = new ConcurrentHashMap<>();

    public CheckEvaluator(MetricSource metrics) {
        this.cel =
                Expressions.builder()
                        .addFunctionBindings(
                                CelFunctionBinding.from(
                                        "metric_name",
                                        String.class,
                                        name -> metrics.instant(name, Map.of())),
                                CelFunctionBinding.from(
                                        "metric_name_labels",
                                        String.class,
                                        Map.class,
                                        (name, labels) -> metrics.instant(name, strings(labels))),
                                CelFunctionBinding.from(
                                        "promql_expr", String.class, metrics::value))
                        .build();
    }

    /** Evaluates an expression over the variables; errors become an {@code ERROR} verdict. */
    public Evaluation evaluate(String expression, Map<String, ?> variables) {
        Map<String, String> observed = new LinkedHashMap<>();
        try {
            CelRuntime.Program program = programs.computeIfAbsent(expression, this::program);
            Object result =
                    program.trace(variables, (expr, value) -> observe(expr, value, observed));
            String seen = render(observed);
            if (!(result instanceof Boolean)) {
                String why =
                        result != null && result.getClass().getSimpleName().contains("Unknown")
                                ? "it reads a variable this step does not set; it has "
                                        + variables.keySet()
                                : "result " + result + " is not true or false";
                return new Evaluation(Evaluation.Verdict.ERROR, why);
            }
            return new Evaluation(
                    (Boolean) result ? Evaluation.Verdict.TRUE : Evaluation.Verdict.FALSE, seen);
        } catch (CelEvaluationException e) {
            String seen = render(observed);
            String reason = cause(e);
            return new Evaluation(
                    Evaluation.Verdict.ERROR, seen.isEmpty() ? reason : seen + "; " + reason);
        }
    }

    private CelRuntime.Program program(String expression) {
        CelAbstractSyntaxTree ast = Expressions.compile(expression);
        try {
            return cel.createProgram(ast);
        } catch (CelEvaluationException e) {
            throw new IllegalArgumentException(expression + ": " + e.getMessage(), e);
        }
    }

    private static void observe(CelExpr expr, Object value, Map<String, String> observed) {
        if (value instanceof Map || value instanceof Iterable) {
            return;
        }
        String name = name(expr);
        if (name != null) {
            observed.put(
                    name, value instanceof String ? "\"" + value + "\"" : String.valueOf(value));
        }
    }

    /** A readable name for a field path or a metric call, or null for other nodes. */
    private static String name(CelExpr expr) {
        switch (expr.exprKind().getKind()) {
            case IDENT:
                return expr.ident().name();
            case SELECT:
                String operand = name(expr.select().operand());
                return operand == null ? null : operand + "." + expr.select().field();
            case CALL:
                String function = expr.call().function();
                if (!function.equals("metric") && !function.equals("promql")) {
                    return null;
                }
                StringJoiner args = new StringJoiner(", ", function + "(", ")");
                for (CelExpr arg : expr.call().args()) {
                    args.add(
                            arg.exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                                            && arg.constant().getKind()
                                                    == CelConstant.Kind.STRING_VALUE
                                    ? "\"" + arg.constant().stringValue() + "\""
                                    : "{...}");
                }
                return args.toString();
            default:
                return null;
        }
    }

    private static String render(Map<String, String> observed) {
        StringJoiner text = new StringJoiner(", ");
        observed.forEach((k, v) -> text.add(k + "=" + v));
        String all = text.toString();
        return Texts.clip(all, MAX_OBSERVED);
    }

    /** The first message that is not CEL's wrapper, with the root cause when it differs. */
    private static String cause(Throwable e) {
        Throwable first = e;
        while (first instanceof CelEvaluationException && first.getCause() != null) {
            first = first.getCause();
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = describe(first).replaceFirst("^evaluation error at <input>:\\d+: ", "");
        return root == first ? message : message + ": " + describe(root);
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static Map<String, String> strings(Map<?, ?> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        return out;
    }
}
