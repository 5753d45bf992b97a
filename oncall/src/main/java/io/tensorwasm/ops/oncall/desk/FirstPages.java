package io.tensorwasm.ops.oncall.desk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The incidents whose first page is going out now, and what the runs working them asked of the desk
 * meanwhile (issue #22). A firing's run starts before its page, so its first action does not wait
 * on the pager; an escalation or a hold that the run asks for before the page is out would find
 * nobody paged and be lost, so it waits for the page and runs right after it.
 */
final class FirstPages {

    private final Map<Long, List<Runnable>> waiting = new HashMap<>();

    /** Marks the incident's first page as going out. */
    synchronized void sending(long incidentId) {
        waiting.put(incidentId, new ArrayList<>());
    }

    /** Runs the action now, or right after the incident's first page when it is going out. */
    void afterFirstPage(long incidentId, Runnable action) {
        synchronized (this) {
            List<Runnable> later = waiting.get(incidentId);
            if (later != null) {
                later.add(action);
                return;
            }
        }
        action.run();
    }

    /** Marks the first page as out, and runs what waited for it, in order, on this thread. */
    void sent(long incidentId) {
        List<Runnable> later;
        synchronized (this) {
            later = waiting.remove(incidentId);
        }
        if (later != null) {
            later.forEach(Runnable::run);
        }
    }
}
