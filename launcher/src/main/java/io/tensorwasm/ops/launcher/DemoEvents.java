package io.tensorwasm.ops.launcher;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The demo's terminal: one line per event, with its time since the fault. */
final class DemoEvents {

    private final PrintWriter out;
    private volatile Instant fault;

    DemoEvents(PrintWriter out) {
        this.out = out;
    }

    /** From now on, times are counted from this instant. */
    void faultAt(Instant at) {
        this.fault = at;
    }

    /** The fault's instant, once set. */
    Instant fault() {
        return fault;
    }

    /** Seconds from the fault to the instant, e.g. {@code +14.2s}. */
    String since(Instant at) {
        if (fault == null) {
            return "";
        }
        return String.format(
                Locale.ROOT, "+%.1fs", Duration.between(fault, at).toMillis() / 1000.0);
    }

    /** A line for an event that happened at the instant. */
    synchronized void show(Instant at, String source, String text) {
        out.printf(Locale.ROOT, "  %8s  %-12s %s%n", since(at), source, text);
        out.flush();
    }

    /** A line of its own, not an event. */
    synchronized void say(String text) {
        out.println(text);
        out.flush();
    }
}
