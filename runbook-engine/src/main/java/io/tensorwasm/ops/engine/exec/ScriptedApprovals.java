package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers given in advance, for drills and tests: every step is approved by one person unless a
 * decision is set for it; confirmations and choices come from maps. It keeps the questions asked.
 */
public final class ScriptedApprovals implements Approvals {

    private final String person;
    private final Map<Integer, Decision> decisions = new HashMap<>();
    private final Map<Integer, Boolean> confirmations = new HashMap<>();
    private final Map<String, String> choices = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    /** Approves and confirms everything as the person, unless told otherwise. */
    public ScriptedApprovals(String person) {
        this.person = person;
    }

    /** The decision for a step number. */
    public ScriptedApprovals decide(int step, Decision decision) {
        decisions.put(step, decision);
        return this;
    }

    /** The answer to a confirmation at a step number. */
    public ScriptedApprovals confirm(int step, boolean holds) {
        confirmations.put(step, holds);
        return this;
    }

    /** The answer to a question. */
    public ScriptedApprovals choose(String question, String answer) {
        choices.put(question, answer);
        return this;
    }

    /** The questions asked so far, in order. */
    public synchronized List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public synchronized Decision review(Runbook runbook, Step step, String action) {
        asked.add("review " + step.number() + ": " + action);
        return decisions.getOrDefault(step.number(), Decision.approve(person));
    }

    @Override
    public synchronized boolean confirm(Runbook runbook, Step step, String statement) {
        asked.add("confirm " + step.number() + ": " + statement);
        return confirmations.getOrDefault(step.number(), true);
    }

    @Override
    public synchronized String choose(
            Runbook runbook, Step step, String question, List<String> answers) {
        asked.add("choose " + step.number() + ": " + question);
        String answer = choices.get(question);
        if (answer == null || !answers.contains(answer)) {
            throw new IllegalStateException(
                    "no scripted answer among " + answers + " for \"" + question + "\"");
        }
        return answer;
    }
}
