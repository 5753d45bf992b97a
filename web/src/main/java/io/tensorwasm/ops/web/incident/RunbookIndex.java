package io.tensorwasm.ops.web.incident;

import io.tensorwasm.ops.web.paging.Severity;
import java.util.Optional;

/** Finds the runbook that answers an alert: by the id in its {@code runbook_url}, or by name. */
public interface RunbookIndex {

    /**
     * A runbook as incidents need it.
     *
     * @param id the runbook id
     * @param severity the severity its front matter gives
     */
    record Entry(String id, Severity severity) {}

    /** The runbook with the id. */
    Optional<Entry> byId(String id);

    /** The runbook whose front matter names the alert. */
    Optional<Entry> byAlert(String alertName);
}
