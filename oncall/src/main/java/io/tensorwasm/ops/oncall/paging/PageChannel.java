package io.tensorwasm.ops.oncall.paging;

/**
 * A way to reach a person: trigger a page, and tell the service when it is acknowledged or
 * resolved. Implementations speak a real service's wire format; they are called on worker threads.
 */
public interface PageChannel {

    /** Sends the page; the result says whether the service accepted it and what it answered. */
    Delivery trigger(PageMessage message);

    /** Tells the service the page was acknowledged, where the service has that notion. */
    Delivery acknowledge(String dedupKey);

    /** Tells the service the incident is resolved, where the service has that notion. */
    Delivery resolve(String dedupKey);

    /** A short description without secrets, for the incident timeline. */
    String describe();

    /**
     * What a delivery attempt came to.
     *
     * @param accepted whether the service took it (2xx)
     * @param detail the status and a short excerpt of the answer, or why it failed
     */
    record Delivery(boolean accepted, String detail) {}
}
