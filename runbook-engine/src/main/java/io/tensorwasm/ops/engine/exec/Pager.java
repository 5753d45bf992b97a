package io.tensorwasm.ops.engine.exec;

/**
 * Pages the on-call rotation (primary, then secondary, then lead, per seed 003). The real paging
 * adapters come with the paging issue; {@link RecordingPager} stands in until then.
 */
public interface Pager {

    /** Sends the page; it must not throw for a delivery problem it can report in its log. */
    void page(Escalation escalation);
}
