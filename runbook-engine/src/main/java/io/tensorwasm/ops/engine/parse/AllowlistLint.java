package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lint's allowlist rule (issue #18): every {@code shell} step's program and every {@code cli}
 * step's tool is on the allowlist in force, so a step is refused at lint time, with its file line,
 * never at 03:00. A shell step's program must be written out: a placeholder there would pick it at
 * run time, past this check.
 */
final class AllowlistLint {

    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|(\\S+)");

    private AllowlistLint() {}

    static List<Problem> problems(List<Runbook> runbooks, Allowlist allowlist) {
        List<Problem> problems = new ArrayList<>();
        for (Runbook runbook : runbooks) {
            for (Step step : runbook.steps()) {
                why(step, allowlist)
                        .ifPresent(
                                why ->
                                        problems.add(
                                                new Problem(
                                                        step.position(),
                                                        "step " + step.number() + ": " + why)));
            }
        }
        return problems;
    }

    private static Optional<String> why(Step step, Allowlist allowlist) {
        if (step.action() instanceof Action.Cli c) {
            return allowlist.cliRefusal(c.tool());
        }
        if (!(step.action() instanceof Action.Shell s)) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(s.command());
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        if (ActionText.PLACEHOLDER.matcher(words.get(0)).find()) {
            return Optional.of(
                    "\""
                            + words.get(0)
                            + "\": a shell step names its program, never a placeholder, so lint"
                            + " can check it against the allowlist; a program that changes the"
                            + " host is a target action (target upgrade, target rollback, ...)");
        }
        // Arguments with placeholders are checked again when they are filled, at run time.
        List<String> written =
                words.stream().filter(w -> !ActionText.PLACEHOLDER.matcher(w).find()).toList();
        return allowlist.shellRefusal(written);
    }
}
