package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.exec.Approvals;
import io.tensorwasm.ops.engine.exec.Decision;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The person at the terminal: reads approve, skip (with a reason) or abort for each step. */
final class TerminalApprovals implements Approvals {

    private final BufferedReader in;
    private final PrintWriter out;
    private final String person;

    TerminalApprovals(BufferedReader in, PrintWriter out, String person) {
        this.in = in;
        this.out = out;
        this.person = person;
    }

    @Override
    public Decision review(Runbook runbook, Step step, String action) {
        out.printf(
                "%nstep %d (estimate %s): %s%n",
                step.number(), Durations.format(step.estimate()), action);
        step.check()
                .ifPresent(
                        c ->
                                out.println(
                                        "  expects: "
                                                + c.text()
                                                + (c.machineCheckable() ? "" : " (you judge it)")));
        out.println("  on failure: " + step.onFailure().text());
        while (true) {
            String answer = ask("[a]pprove, [s]kip or a[b]ort? ");
            switch (answer) {
                case "a", "approve" -> {
                    return Decision.approve(person);
                }
                case "s", "skip" -> {
                    return Decision.skip(person, reason("why skip? "));
                }
                case "b", "abort" -> {
                    return Decision.abort(person, reason("why abort? "));
                }
                default -> out.println("answer a, s or b");
            }
        }
    }

    @Override
    public boolean confirm(Runbook runbook, Step step, String statement) {
        while (true) {
            String answer = ask("  " + statement + " [y/n] ");
            if (answer.equals("y") || answer.equals("yes")) {
                return true;
            }
            if (answer.equals("n") || answer.equals("no")) {
                return false;
            }
        }
    }

    @Override
    public String choose(Runbook runbook, Step step, String question, List<String> answers) {
        while (true) {
            String answer = ask("  " + question + " " + answers + " ");
            if (answers.contains(answer)) {
                return answer;
            }
        }
    }

    private String reason(String prompt) {
        String reason = "";
        while (reason.isEmpty()) {
            reason = ask(prompt);
        }
        return reason;
    }

    private String ask(String prompt) {
        out.print(prompt);
        out.flush();
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException(
                        "standard input closed while waiting for " + person + "'s answer");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
