package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.Continuation;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a runbook.
 *
 * @param mode dry run, interactive, automatic or shadow
 * @param trigger who or what starts it
 * @param target the target to act on; empty for the runbook's default
 * @param fromStep the step to start at, from 1
 * @param params values of the runbook's typed parameters; the others take their defaults
 * @param vars values of the runbook's vars that win over the context's (a continuation's recorded
 *     ones)
 * @param continuation the execution this run continues, if it does (issue #19)
 * @param overrideCooldown an approver's decision that this automatic run need not wait out the
 *     runbook's cooldown; the other guardrails still hold
 */
public record RunRequest(
        Mode mode,
        Trigger trigger,
        String target,
        int fromStep,
        Map<String, String> params,
        Map<String, String> vars,
        Optional<Continuation> continuation,
        boolean overrideCooldown) {

    public RunRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        target = target == null ? "" : target;
        if (fromStep < 1) {
            throw new IllegalArgumentException(fromStep + ": steps are numbered from 1");
        }
        params = Map.copyOf(params);
        vars = Map.copyOf(vars);
        Objects.requireNonNull(continuation, "continuation");
        if (overrideCooldown && mode != Mode.AUTOMATIC) {
            throw new IllegalArgumentException(
                    mode.word() + ": only an automatic run has a cooldown to override");
        }
    }

    /** A request without parameters, vars or parent that keeps every guardrail. */
    public RunRequest(Mode mode, Trigger trigger, String target, int fromStep) {
        this(mode, trigger, target, fromStep, Map.of(), Map.of(), Optional.empty(), false);
    }

    /** A person runs it, approving each step. */
    public static RunRequest interactive(String person) {
        return new RunRequest(Mode.INTERACTIVE, Trigger.person(person), "", 1);
    }

    /** An alert runs it. */
    public static RunRequest automatic(String alertFingerprint) {
        return new RunRequest(Mode.AUTOMATIC, Trigger.alert(alertFingerprint), "", 1);
    }

    /** An alert runs it in shadow: state-changing actions skipped and recorded. */
    public static RunRequest shadow(String alertFingerprint) {
        return new RunRequest(Mode.SHADOW, Trigger.alert(alertFingerprint), "", 1);
    }

    /** An approver runs it automatically now, inside every guardrail but the cooldown. */
    public static RunRequest automaticOverridingCooldown(String approver) {
        return new RunRequest(
                Mode.AUTOMATIC,
                Trigger.person(approver),
                "",
                1,
                Map.of(),
                Map.of(),
                Optional.empty(),
                true);
    }

    /** The same request on another target. */
    public RunRequest onTarget(String name) {
        return new RunRequest(
                mode, trigger, name, fromStep, params, vars, continuation, overrideCooldown);
    }

    /** The same request from another step. */
    public RunRequest from(int step) {
        return new RunRequest(
                mode, trigger, target, step, params, vars, continuation, overrideCooldown);
    }

    /** The same request with parameter values. */
    public RunRequest withParams(Map<String, String> values) {
        return new RunRequest(
                mode, trigger, target, fromStep, values, vars, continuation, overrideCooldown);
    }
}
