package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Trigger;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which executions to list, newest first, one page at a time. Pages are found by id (keyset), not
 * by offset, so the thousandth page costs what the first does.
 *
 * <pre>{@code
 * HistoryQuery query = HistoryQuery.builder().runbook("rollback").mode(Mode.INTERACTIVE).limit(50).build();
 * HistorySlice first = store.history(query);
 * HistorySlice older = store.history(query.olderThan(first.executions().get(49).id()));
 * }</pre>
 *
 * @param runbookId only this runbook, if present
 * @param mode only this mode, if present
 * @param status only this outcome, if present
 * @param trigger only runs started by a person or by an alert, if present
 * @param before only ids below this one (the next, older page), if present
 * @param after only ids above this one (the previous, newer page), if present
 * @param limit the most executions on one page
 */
public record HistoryQuery(
        Optional<String> runbookId,
        Optional<Mode> mode,
        Optional<RunStatus> status,
        Optional<Trigger.Source> trigger,
        OptionalLong before,
        OptionalLong after,
        int limit) {

    /** The largest page the store returns. */
    public static final int MAX_LIMIT = 500;

    public HistoryQuery {
        Objects.requireNonNull(runbookId, "runbookId");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    limit + ": a history page holds 1 to " + MAX_LIMIT + " executions");
        }
        if (before.isPresent() && after.isPresent()) {
            throw new IllegalArgumentException(
                    "before "
                            + before.getAsLong()
                            + " and after "
                            + after.getAsLong()
                            + ": a page is older or newer than one id, not both");
        }
    }

    /** Starts from every execution, 50 to a page. */
    public static Builder builder() {
        return new Builder();
    }

    /** The same filter, the page older than an id. */
    public HistoryQuery olderThan(long id) {
        return new HistoryQuery(
                runbookId, mode, status, trigger, OptionalLong.of(id), OptionalLong.empty(), limit);
    }

    /** The same filter, the page newer than an id. */
    public HistoryQuery newerThan(long id) {
        return new HistoryQuery(
                runbookId, mode, status, trigger, OptionalLong.empty(), OptionalLong.of(id), limit);
    }

    /** Builds a {@link HistoryQuery}; each setter narrows the filter. */
    public static final class Builder {
        private String runbookId;
        private Mode mode;
        private RunStatus status;
        private Trigger.Source trigger;
        private Long before;
        private Long after;
        private int limit = 50;

        private Builder() {}

        public Builder runbook(String runbookId) {
            this.runbookId = runbookId;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        public Builder status(RunStatus status) {
            this.status = status;
            return this;
        }

        public Builder trigger(Trigger.Source trigger) {
            this.trigger = trigger;
            return this;
        }

        public Builder before(long id) {
            this.before = id;
            return this;
        }

        public Builder after(long id) {
            this.after = id;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public HistoryQuery build() {
            return new HistoryQuery(
                    Optional.ofNullable(runbookId).filter(r -> !r.isBlank()),
                    Optional.ofNullable(mode),
                    Optional.ofNullable(status),
                    Optional.ofNullable(trigger),
                    before == null ? OptionalLong.empty() : OptionalLong.of(before),
                    after == null ? OptionalLong.empty() : OptionalLong.of(after),
                    limit);
        }
    }
}
