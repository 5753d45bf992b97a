package io.tensorwasm.ops.drills;

import java.time.Duration;

/**
 * One check of a drill run, with what was observed, so a failed drill says exactly what failed.
 *
 * @param name what was checked, e.g. {@code /healthz answers {"status":"ok"} in under 10 ms}
 * @param passed whether it held
 * @param observed what was seen
 * @param took how long the check took
 */
public record DrillCheck(String name, boolean passed, String observed, Duration took) {

    /** A check that held. */
    public static DrillCheck pass(String name, String observed, Duration took) {
        return new DrillCheck(name, true, observed, took);
    }

    /** A check that did not hold. */
    public static DrillCheck fail(String name, String observed, Duration took) {
        return new DrillCheck(name, false, observed, took);
    }
}
