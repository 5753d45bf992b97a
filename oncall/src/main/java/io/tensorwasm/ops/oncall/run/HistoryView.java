package io.tensorwasm.ops.oncall.run;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.HistoryQuery;
import io.tensorwasm.ops.engine.store.HistorySlice;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The history page (every execution, newest first, filtered by runbook, mode, outcome and trigger,
 * 50 to a page) from the query string's fields. Pages are found by id, so the last page of 10,000
 * executions costs what the first does.
 */
public final class HistoryView {

    /** Executions to a page. */
    public static final int PAGE = 50;

    private HistoryView() {}

    /**
     * What the history reads.
     *
     * @param store the executions
     * @param library the runbooks, to filter by
     * @param labels the incident each run worked, and the runs withdrawn
     * @param clock the clock
     */
    public record Sources(
            ExecutionStore store, RunbookLibrary library, RunLabels labels, Clock clock) {}

    /** Reads one page of history and builds it; blocks on the database. */
    public static HistoryPage page(Sources sources, HistoryPage.Filter filter, HistoryQuery query) {
        Clock clock = sources.clock();
        sources.store().markInterrupted(clock.instant());
        HistorySlice slice = sources.store().history(query);
        Map<Long, RunLabels.Label> labels = sources.labels().of(slice.executions());
        List<HistoryPage.Row> rows =
                slice.executions().stream().map(e -> row(e, labels.get(e.id()), clock)).toList();
        RunbookLibrary library = sources.library();
        String base = "/history?" + parameters(filter);
        return new HistoryPage(
                filter,
                library.entries().stream().map(LibraryEntry::id).sorted().toList(),
                Arrays.stream(Mode.values()).map(Mode::word).toList(),
                Arrays.stream(RunStatus.values()).map(RunStatus::word).toList(),
                List.of("person", "alert"),
                rows,
                slice.matching(),
                slice.newer() && !rows.isEmpty() ? base + "after=" + rows.get(0).id() : "",
                slice.older() && !rows.isEmpty()
                        ? base + "before=" + rows.get(rows.size() - 1).id()
                        : "");
    }

    private static HistoryPage.Row row(ExecutionSummary e, RunLabels.Label label, Clock clock) {
        return new HistoryPage.Row(
                e.id(),
                e.runbookId(),
                e.mode().word(),
                label.outcome(),
                label.css(),
                label.startedBy(),
                label.incidentId(),
                Readable.instant(e.started()),
                Readable.duration(
                        Duration.between(e.started(), e.finished().orElse(clock.instant()))),
                e.summary());
    }

    /**
     * The filter from the query string's fields; an unknown word is an IllegalArgumentException
     * that lists the known ones.
     */
    public static HistoryPage.Filter filter(Function<String, String> params) {
        HistoryPage.Filter filter =
                new HistoryPage.Filter(
                        value(params, "runbook"),
                        value(params, "mode"),
                        value(params, "outcome"),
                        value(params, "trigger"));
        if (!filter.mode().isEmpty()) {
            known("mode", filter.mode(), Arrays.stream(Mode.values()).map(Mode::word).toList());
        }
        if (!filter.outcome().isEmpty()) {
            known(
                    "outcome",
                    filter.outcome(),
                    Arrays.stream(RunStatus.values()).map(RunStatus::word).toList());
        }
        if (!filter.trigger().isEmpty()) {
            known("trigger", filter.trigger(), List.of("person", "alert"));
        }
        return filter;
    }

    /** The store query for a filter and the page parameters. */
    public static HistoryQuery query(HistoryPage.Filter filter, Function<String, String> params) {
        HistoryQuery.Builder query = HistoryQuery.builder().limit(PAGE).runbook(filter.runbook());
        if (!filter.mode().isEmpty()) {
            query.mode(Mode.ofWord(filter.mode()));
        }
        if (!filter.outcome().isEmpty()) {
            query.status(RunStatus.ofWord(filter.outcome()));
        }
        if (!filter.trigger().isEmpty()) {
            query.trigger(Trigger.Source.valueOf(filter.trigger().toUpperCase(Locale.ROOT)));
        }
        String before = value(params, "before");
        String after = value(params, "after");
        if (!before.isEmpty()) {
            query.before(id("before", before));
        }
        if (!after.isEmpty()) {
            query.after(id("after", after));
        }
        return query.build();
    }

    private static long id(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    name + " \"" + value + "\": an execution id is a whole number", e);
        }
    }

    private static void known(String name, String value, List<String> words) {
        if (!words.contains(value)) {
            throw new IllegalArgumentException(
                    name + " \"" + value + "\": use one of " + String.join(", ", words));
        }
    }

    private static String value(Function<String, String> params, String name) {
        String value = params.apply(name);
        return value == null ? "" : value.strip();
    }

    private static String parameters(HistoryPage.Filter filter) {
        StringJoiner query = new StringJoiner("");
        add(query, "runbook", filter.runbook());
        add(query, "mode", filter.mode());
        add(query, "outcome", filter.outcome());
        add(query, "trigger", filter.trigger());
        return query.toString();
    }

    private static void add(StringJoiner query, String name, String value) {
        if (!value.isEmpty()) {
            query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&");
        }
    }
}
