package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Branch;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links between the steps of one page, checked once every step is read: {@code goto N} and
 * decide answers must land on another step, and a {@code {steps.N.NAME}} placeholder (or {@code
 * steps[N].NAME} in a check) must name a result that an earlier step sets.
 */
final class StepLinks {

    /** {@code steps[21].status} in a check: step 21's result {@code status}. */
    private static final Pattern CHECK_REFERENCE =
            Pattern.compile("\\bsteps\\[([0-9]+)](?:\\.([a-z_][a-z0-9_]*))?");

    private record Jump(Step step, Cell onFailure, Cell action, Cell expected) {}

    private final List<Jump> jumps = new ArrayList<>();

    /** Remembers a step with the cells its links are written in. */
    void add(Step step, Cell onFailure, Cell action, Cell expected) {
        jumps.add(new Jump(step, onFailure, action, expected));
    }

    /** Adds a problem for every link that leads nowhere. */
    void check(List<Step> steps, List<Problem> problems) {
        int last = steps.isEmpty() ? 0 : steps.get(steps.size() - 1).number();
        for (Jump jump : jumps) {
            gotoStep(jump, last, problems);
            if (jump.step().action() instanceof Action.Decide decide) {
                for (Branch branch : decide.branches()) {
                    if (branch.step() > last || branch.step() == jump.step().number()) {
                        problems.add(
                                new Problem(
                                        jump.action().position(),
                                        "answer \""
                                                + branch.answer()
                                                + "\" leads to step "
                                                + branch.step()
                                                + ", which is not another step of this runbook; steps are 1 to "
                                                + last));
                    }
                }
            }
            references(jump, steps, last, problems);
        }
    }

    private static void gotoStep(Jump jump, int last, List<Problem> problems) {
        int target = jump.step().onFailure().gotoStep();
        if (target == jump.step().number()) {
            problems.add(
                    new Problem(
                            jump.onFailure().position(),
                            "goto " + target + ": a step cannot go to itself; use retry N"));
        } else if (target > last) {
            problems.add(
                    new Problem(
                            jump.onFailure().position(),
                            "goto " + target + ": no such step; steps are 1 to " + last));
        }
    }

    private static void references(Jump jump, List<Step> steps, int last, List<Problem> problems) {
        Cell cell = jump.action();
        Matcher m = ActionText.PLACEHOLDER.matcher(cell.text());
        while (m.find()) {
            Matcher ref = ActionText.STEP_RESULT.matcher(m.group(1));
            if (!ref.matches()) {
                continue;
            }
            Position at = cell.position().plusColumns(m.start());
            reference(jump.step(), m.group(), ref.group(1), ref.group(2), steps, last)
                    .ifPresent(message -> problems.add(new Problem(at, message)));
        }
        Cell expected = jump.expected();
        Matcher c = CHECK_REFERENCE.matcher(expected.text());
        while (c.find()) {
            Position at = expected.position().plusColumns(c.start());
            reference(jump.step(), c.group(), c.group(1), c.group(2), steps, last)
                    .ifPresent(message -> problems.add(new Problem(at, message)));
        }
    }

    /** What is wrong with a reference from a step to another's result ({@code null}: any). */
    private static Optional<String> reference(
            Step holder, String text, String digits, String result, List<Step> steps, int last) {
        int number = Integer.parseInt(digits);
        String quoted = "\"" + text + "\"";
        if (number == holder.number()) {
            return Optional.of(
                    quoted + " refers to its own step; use the result of an earlier step");
        }
        if (number < 1 || number > last) {
            return Optional.of(
                    quoted
                            + " refers to step "
                            + number
                            + ", which does not exist; steps are 1 to "
                            + last);
        }
        if (number > holder.number()) {
            return Optional.of(
                    quoted
                            + " refers to step "
                            + number
                            + ", which runs after step "
                            + holder.number()
                            + "; use the result of an earlier step");
        }
        Optional<Step> target = steps.stream().filter(s -> s.number() == number).findFirst();
        if (target.isEmpty()) {
            // Its row has a problem of its own, reported where it is.
            return Optional.empty();
        }
        Action action = target.get().action();
        List<String> results = action.results();
        String step = "step " + number + " (" + action.verb() + ")";
        if (results.isEmpty()) {
            return Optional.of(quoted + ": " + step + " has no result to use");
        }
        if (result != null && !results.contains(result)) {
            return Optional.of(
                    quoted
                            + ": "
                            + step
                            + " has no result \""
                            + result
                            + "\""
                            + Suggestions.hint(
                                    result,
                                    results,
                                    "its results are " + String.join(", ", results)));
        }
        return Optional.empty();
    }
}
