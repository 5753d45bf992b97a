package io.tensorwasm.ops.oncall.catalogue;

import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.Runbook;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the catalogue as the console keeps it: the runbook the engine read (when it could),
 * the lint problems of its file, and its Markdown as written.
 *
 * @param id the runbook id, or the file name without {@code .md} when the engine found no id
 * @param file where it came from, as {@code runbooks/rollback.md}
 * @param runbook the runbook the engine read, if it could read one
 * @param problems the lint problems of the file, each {@code file:line:col: message}
 * @param text the page's Markdown
 */
public record LibraryEntry(
        String id, String file, Optional<Runbook> runbook, List<String> problems, String text) {

    public LibraryEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(runbook, "runbook");
        problems = List.copyOf(problems);
        Objects.requireNonNull(text, "text");
    }

    /** True when the engine read it without a problem, so it may run. */
    public boolean runnable() {
        return runbook.isPresent() && problems.isEmpty();
    }

    /** Its title, or its id when the engine could not read one. */
    public String title() {
        return runbook.map(Runbook::title).orElse(id);
    }

    /** The alert it answers, or empty for a procedure or an unreadable page. */
    public String alert() {
        return runbook.filter(r -> r.metadata().kind() == Kind.ALERT)
                .map(r -> r.metadata().alert())
                .orElse("");
    }
}
