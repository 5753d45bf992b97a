package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.exec.Resumption;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.engine.store.RunbookText;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.PageDiff;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The version an execution ran and its chain (issue #19), for its version page: the pinned text,
 * its diff against the page the catalogue has now, its parameters, what it continues and what
 * continues it.
 *
 * @param id the execution
 * @param runbookId its runbook
 * @param status how it ended
 * @param resumable true when it may be resumed
 * @param params its parameter values
 * @param continues the execution it continues, with from where, by whom and why, or empty
 * @param continuations the executions that continue it
 * @param pinned the text it ran, or empty when it ran before texts were pinned
 * @param diff the unified diff of that text against the page now; empty when unchanged
 * @param changed true when the page changed since it ran
 */
public record ExecutionVersion(
        long id,
        String runbookId,
        String status,
        boolean resumable,
        Map<String, String> params,
        String continues,
        List<Long> continuations,
        String pinned,
        List<String> diff,
        boolean changed) {

    /** The version of an execution, or empty when there is no such execution. */
    public static Optional<ExecutionVersion> of(
            ExecutionStore store, RunbookLibrary library, long id) {
        return store.find(id)
                .map(
                        record -> {
                            var s = record.summary();
                            Lineage lineage = store.lineage(id).orElseThrow();
                            String pinned =
                                    store.runbookText(s.contentHash())
                                            .map(RunbookText::text)
                                            .orElse("");
                            Optional<LibraryEntry> now = library.entry(s.runbookId());
                            List<String> diff =
                                    pinned.isEmpty() || now.isEmpty()
                                            ? List.of()
                                            : PageDiff.unified(
                                                    now.get().file(), pinned, now.get().text());
                            String continues =
                                    lineage.continuation()
                                            .map(
                                                    k ->
                                                            k.parentId()
                                                                    + " from step "
                                                                    + k.fromStep()
                                                                    + " on the "
                                                                    + k.versionWord()
                                                                    + " version, resumed by "
                                                                    + k.by()
                                                                    + ": "
                                                                    + k.reason())
                                            .orElse("");
                            return new ExecutionVersion(
                                    id,
                                    s.runbookId(),
                                    s.status().word(),
                                    Resumption.RESUMABLE.contains(s.status()),
                                    lineage.params(),
                                    continues,
                                    lineage.continuations(),
                                    pinned,
                                    diff,
                                    now.flatMap(LibraryEntry::runbook)
                                            .map(r -> !r.contentHash().equals(s.contentHash()))
                                            .orElse(false));
                        });
    }
}
