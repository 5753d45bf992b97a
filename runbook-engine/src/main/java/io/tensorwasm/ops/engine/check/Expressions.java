package io.tensorwasm.ops.engine.check;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check language: CEL with the variables and functions below, and {@code and}, {@code or},
 * {@code not} accepted for {@code &&}, {@code ||}, {@code !} because a pipe ends a Markdown table
 * cell.
 *
 * <ul>
 *   <li>{@code status} (HTTP status), {@code body} (JSON or text), {@code output}, {@code
 *       exit_code}, {@code value} (first PromQL value), {@code samples} (PromQL result), {@code
 *       state} and {@code sessions} (an {@code lb} step's server)
 *   <li>{@code vars}: the runbook's vars as the run gave them, {@code vars.target_version}
 *   <li>{@code health}: the target's health JSON, fetched when an expression names it
 *   <li>{@code steps}: the results of earlier steps by number, {@code steps[21].status}
 *   <li>{@code metric("name")}, {@code metric("name", {"label": "v"})}, {@code promql("expr")}
 * </ul>
 *
 * <pre>{@code
 * Optional<Problem> problem = Expressions.validate("health.status == \"ready\"", position);
 * }</pre>
 */
public final class Expressions {

    /** The variables a check may read. */
    public static final List<String> VARIABLES =
            List.of(
                    "status",
                    "body",
                    "output",
                    "exit_code",
                    "value",
                    "samples",
                    "health",
                    "steps",
                    "state",
                    "sessions",
                    "vars");

    /** The functions a check may call. */
    public static final List<String> FUNCTIONS = List.of("metric", "promql");

    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']+)'");
    private static final Pattern WORD_OPERATOR =
            Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\b(and|or|not)\\b");

    private static final Cel COMPILER = builder().build();

    private Expressions() {}

    /** The CEL environment without function bindings; {@link CheckEvaluator} adds them. */
    static CelBuilder builder() {
        CelBuilder builder =
                CelFactory.standardCelBuilder()
                        .setOptions(
                                CelOptions.current()
                                        .enableHeterogeneousNumericComparisons(true)
                                        .comprehensionMaxIterations(10_000)
                                        .build())
                        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                        .addFunctionDeclarations(
                                CelFunctionDecl.newFunctionDeclaration(
                                        "metric",
                                        CelOverloadDecl.newGlobalOverload(
                                                "metric_name", SimpleType.DYN, SimpleType.STRING),
                                        CelOverloadDecl.newGlobalOverload(
                                                "metric_name_labels",
                                                SimpleType.DYN,
                                                SimpleType.STRING,
                                                MapType.create(
                                                        SimpleType.STRING, SimpleType.STRING))),
                                CelFunctionDecl.newFunctionDeclaration(
                                        "promql",
                                        CelOverloadDecl.newGlobalOverload(
                                                "promql_expr", SimpleType.DYN, SimpleType.STRING)));
        for (String variable : VARIABLES) {
            builder.addVar(variable, SimpleType.DYN);
        }
        return builder;
    }

    /**
     * Rewrites {@code and}, {@code or}, {@code not} outside string literals into CEL operators,
     * padded so that every column stays where it was.
     */
    public static String withSymbols(String expression) {
        Matcher m = WORD_OPERATOR.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement =
                    m.group(1) == null
                            ? m.group()
                            : switch (m.group(1)) {
                                case "and" -> "&& ";
                                case "or" -> "||";
                                default -> "!  ";
                            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Compiles an expression, or throws with CEL's first issue. */
    static CelAbstractSyntaxTree compile(String expression) {
        CelValidationResult result = COMPILER.compile(withSymbols(expression));
        try {
            return result.getAst();
        } catch (CelValidationException e) {
            throw new IllegalArgumentException(expression + ": " + e.getMessage(), e);
        }
    }

    /**
     * Checks an expression as a runbook writes it at a position (the first character of the
     * expression), returning the first problem with its exact column.
     */
    public static Optional<Problem> validate(String expression, Position at) {
        CelValidationResult result = COMPILER.compile(withSymbols(expression));
        if (result.hasError()) {
            CelIssue issue = result.getErrors().get(0);
            int column = Math.max(0, issue.getSourceLocation().getColumn());
            return Optional.of(new Problem(at.plusColumns(column), describe(issue.getMessage())));
        }
        try {
            String type = result.getAst().getResultType().name();
            if (!type.equals("bool") && !type.equals("dyn")) {
                return Optional.of(
                        new Problem(
                                at,
                                "expected check \""
                                        + expression
                                        + "\" is of type "
                                        + type
                                        + ", not true or false; compare it, e.g. "
                                        + expression
                                        + " > 0"));
            }
        } catch (CelValidationException e) {
            return Optional.of(new Problem(at, "bad expression: " + e.getMessage()));
        }
        return Optional.empty();
    }

    private static String describe(String celMessage) {
        Matcher undeclared = UNDECLARED.matcher(celMessage);
        if (undeclared.find()) {
            String name = undeclared.group(1);
            List<String> known =
                    java.util.stream.Stream.concat(VARIABLES.stream(), FUNCTIONS.stream()).toList();
            return "bad expression: unknown name \""
                    + name
                    + "\""
                    + Suggestions.hint(
                            name,
                            known,
                            "checks read "
                                    + String.join(", ", VARIABLES)
                                    + ", metric() and promql()");
        }
        if (celMessage.startsWith("mismatched input '<EOF>'")) {
            return "bad expression: it ends too early";
        }
        int expecting = celMessage.indexOf(" expecting ");
        return "bad expression: "
                + (expecting > 0 ? celMessage.substring(0, expecting) : celMessage);
    }
}
