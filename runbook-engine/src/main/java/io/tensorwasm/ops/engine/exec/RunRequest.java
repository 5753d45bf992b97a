package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.Trigger;
import java.util.Objects;

/**
 * How to run a runbook.
 *
 * @param mode dry run, interactive or automatic
 * @param trigger who or what starts it
 * @param target the target to act on; empty for the runbook's default
 * @param fromStep the step to start at, from 1 (to resume a paused run)
 * @param overrideCooldown an approver's decision that this automatic run need not wait out the
 *     runbook's cooldown; the other guardrails still hold
 */
public record RunRequest(
        Mode mode, Trigger trigger, String target, int fromStep, boolean overrideCooldown) {

    public RunRequest {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        target = target == null ? "" : target;
        if (fromStep < 1) {
            throw new IllegalArgumentException(fromStep + ": steps are numbered from 1");
        }
        if (overrideCooldown && mode != Mode.AUTOMATIC) {
            throw new IllegalArgumentException(
                    mode.word() + ": only an automatic run has a cooldown to override");
        }
    }

    /** A request that keeps every guardrail. */
    public RunRequest(Mode mode, Trigger trigger, String target, int fromStep) {
        this(mode, trigger, target, fromStep, false);
    }

    /** A person runs it, approving each step. */
    public static RunRequest interactive(String person) {
        return new RunRequest(Mode.INTERACTIVE, Trigger.person(person), "", 1);
    }

    /** An alert runs it. */
    public static RunRequest automatic(String alertFingerprint) {
        return new RunRequest(Mode.AUTOMATIC, Trigger.alert(alertFingerprint), "", 1);
    }

    /** An approver runs it automatically now, inside every guardrail but the cooldown. */
    public static RunRequest automaticOverridingCooldown(String approver) {
        return new RunRequest(Mode.AUTOMATIC, Trigger.person(approver), "", 1, true);
    }

    /** The same request on another target. */
    public RunRequest onTarget(String name) {
        return new RunRequest(mode, trigger, name, fromStep, overrideCooldown);
    }

    /** The same request from another step. */
    public RunRequest from(int step) {
        return new RunRequest(mode, trigger, target, step, overrideCooldown);
    }
}
