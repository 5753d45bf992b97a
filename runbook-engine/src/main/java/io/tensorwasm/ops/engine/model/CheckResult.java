package io.tensorwasm.ops.engine.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a check as a value: what was expected, what was observed, how often it was polled
 * and for how long.
 *
 * @param outcome passed, failed, error, manual or skipped
 * @param expected the check's text
 * @param observed what the engine saw, such as {@code health.status="starting"}
 * @param polls how many times it was evaluated
 * @param elapsed from the first evaluation to the verdict
 */
public record CheckResult(
        Outcome outcome, String expected, String observed, int polls, Duration elapsed) {

    public CheckResult {
        Objects.requireNonNull(outcome, "outcome");
        expected = expected == null ? "" : expected;
        observed = observed == null ? "" : observed;
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** A step without a check: nothing to evaluate. */
    public static CheckResult none() {
        return new CheckResult(Outcome.PASSED, "", "", 0, Duration.ZERO);
    }

    /** True when the step may go on. */
    public boolean passed() {
        return outcome == Outcome.PASSED;
    }

    /** How a check ended. */
    public enum Outcome {
        PASSED,
        FAILED,
        /** The check could not be evaluated: no data, a refused connection, a missing key. */
        ERROR,
        /** A person must judge it. */
        MANUAL,
        SKIPPED;

        /** The stored word. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * The outcome as a dry run reads it, which plans and never judges a run: a step it does not
         * run, a value it could not read (issue #17).
         */
        public String planned() {
            return switch (this) {
                case SKIPPED -> "not run";
                case ERROR -> "could not read";
                case PASSED -> "holds";
                case FAILED -> "does not hold";
                case MANUAL -> "a person judges";
            };
        }
    }
}
