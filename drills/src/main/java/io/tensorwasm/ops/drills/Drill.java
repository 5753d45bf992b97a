package io.tensorwasm.ops.drills;

import java.util.List;

/** A readiness drill: a named set of checks that proves a path works before it is needed. */
public interface Drill {

    /** The drill's name, unique among drills: {@code paging}, {@code dr-smoke}. */
    String name();

    /** One sentence for the drills page. */
    String description();

    /** The runbook a failure of this drill is worked with; its incident and page link it. */
    default String runbook() {
        return "oncall-paging";
    }

    /** Runs every check, on a scheduler thread; a check that cannot run is a failed check. */
    List<DrillCheck> run() throws InterruptedException;
}
