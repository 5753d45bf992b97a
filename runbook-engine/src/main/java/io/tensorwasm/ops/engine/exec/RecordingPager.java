package io.tensorwasm.ops.engine.exec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Not a real pager: keeps every page in memory and logs it (and prints it to a stream when given
 * one, as the terminal CLI does), until real paging adapters exist.
 */
public final class RecordingPager implements Pager {

    private static final Logger logger = LoggerFactory.getLogger(RecordingPager.class);

    private final List<Escalation> pages = new ArrayList<>();
    private final PrintStream out;

    /** Records and logs. */
    public RecordingPager() {
        this(null);
    }

    /** Records, logs and prints to a stream. */
    public RecordingPager(PrintStream out) {
        this.out = out;
    }

    @Override
    public synchronized void page(Escalation escalation) {
        pages.add(escalation);
        logger.warn("page (recorded, not sent) {}", escalation.text());
        if (out != null) {
            out.println("PAGE (recorded, not sent): " + escalation.text());
        }
    }

    /** Every page so far. */
    public synchronized List<Escalation> pages() {
        return List.copyOf(pages);
    }
}
