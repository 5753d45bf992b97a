package io.tensorwasm.ops.drills;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A drill whose only check passes or fails as told, and which counts how often it ran. */
final class CountingDrill implements Drill {

    private final String name;
    private final boolean passes;
    final AtomicInteger runs = new AtomicInteger();

    CountingDrill(String name, boolean passes) {
        this.name = name;
        this.passes = passes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return "counts its runs";
    }

    @Override
    public List<DrillCheck> run() {
        int n = runs.incrementAndGet();
        return List.of(
                passes
                        ? DrillCheck.pass("run " + n + " happened", "yes", Duration.ZERO)
                        : DrillCheck.fail(
                                "the primary acknowledged", "nobody within 5 min", Duration.ZERO));
    }
}
