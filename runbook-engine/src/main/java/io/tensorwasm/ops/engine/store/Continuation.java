package io.tensorwasm.ops.engine.store;

import java.util.Map;
import java.util.Objects;

/**
 * What makes an execution the continuation of another (issue #19).
 *
 * @param parentId the execution it continues
 * @param fromStep the step it starts at
 * @param by who resumed it
 * @param reason why
 * @param currentVersion true when it runs the runbook's current page by choice, false when it runs
 *     the text its parent ran
 * @param inherited the result values of the parent's earlier steps, for {@code {steps.N...}}; empty
 *     when read back
 */
public record Continuation(
        long parentId,
        int fromStep,
        String by,
        String reason,
        boolean currentVersion,
        Map<Integer, Map<String, Object>> inherited) {

    public Continuation {
        if (fromStep < 1) {
            throw new IllegalArgumentException(fromStep + ": steps are numbered from 1");
        }
        Objects.requireNonNull(by, "by");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException(
                    "\"\": a resume says why, e.g. --reason \"restart fixed the disk\"");
        }
        reason = reason.strip();
        inherited = Map.copyOf(inherited);
    }

    /** {@code pinned} or {@code current}, as stored and shown. */
    public String versionWord() {
        return currentVersion ? "current" : "pinned";
    }
}
