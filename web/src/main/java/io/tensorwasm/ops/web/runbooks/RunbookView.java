package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.Metadata;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.GrafanaLinks;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds the runbook pages from the catalogue, live values and Grafana links. */
public final class RunbookView {

    private RunbookView() {}

    /** The catalogue page. */
    public static RunbooksPage list(RunbookLibrary library) {
        List<RunbooksPage.Row> rows =
                library.entries().stream()
                        .map(
                                e ->
                                        new RunbooksPage.Row(
                                                e.id(),
                                                e.title(),
                                                e.runbook()
                                                        .map(r -> r.metadata().kind().word())
                                                        .orElse(""),
                                                e.alert(),
                                                e.runbook().map(r -> r.steps().size()).orElse(0),
                                                e.runbook().map(RunbookView::total).orElse(""),
                                                e.problems().size()))
                        .toList();
        return new RunbooksPage(rows, rows.stream().filter(r -> r.problems() > 0).count());
    }

    /**
     * One runbook's page.
     *
     * @param values the live value of each first-look query, in page order
     */
    public static RunbookPage page(
            LibraryEntry entry,
            RunbookMarkdown.Rendered markdown,
            List<LiveValues.Reading> values,
            GrafanaLinks grafana,
            GrafanaLinks.Range range,
            String valuesFrom,
            Principal viewer) {
        Optional<Runbook> runbook = entry.runbook();
        String dashboard = runbook.map(r -> r.metadata().dashboard()).orElse("");
        List<RunbookPage.Part> parts = parts(markdown, values, grafana, dashboard, range);
        return new RunbookPage(
                entry.id(),
                entry.title(),
                entry.file(),
                runbook.map(r -> facts(r.metadata())).orElse(List.of()),
                entry.problems(),
                parts,
                runbook.map(r -> r.steps().stream().map(RunbookView::item).toList())
                        .orElse(List.of()),
                runbook.map(RunbookView::total).orElse(""),
                runbook.map(RunbookView::overSla).orElse(false),
                entry.runnable(),
                viewer.role().includes(Role.OPERATOR),
                viewer.role().label(),
                valuesFrom,
                range.equals(GrafanaLinks.Range.LAST_HOUR)
                        ? "the last hour"
                        : "from 15 minutes before the alert started until now",
                grafana.panel(dashboard, OptionalInt.empty(), range),
                runbook.map(r -> r.metadata().vars()).orElse(java.util.Map.of()));
    }

    private static List<RunbookPage.Part> parts(
            RunbookMarkdown.Rendered markdown,
            List<LiveValues.Reading> values,
            GrafanaLinks grafana,
            String dashboard,
            GrafanaLinks.Range range) {
        List<RunbookPage.Part> parts = new ArrayList<>();
        int next = 0;
        for (RunbookMarkdown.Part part : markdown.parts()) {
            RunbookPage.Query query = null;
            if (part.query() != null) {
                LiveValues.Reading value =
                        next < values.size()
                                ? values.get(next)
                                : LiveValues.Reading.of("no value: not read");
                next++;
                query =
                        query(
                                part.query(),
                                value,
                                grafana.panel(dashboard, part.query().panel(), range));
            }
            parts.add(new RunbookPage.Part(part.html(), query));
        }
        return parts;
    }

    private static RunbookPage.Query query(
            FirstLookQuery query, LiveValues.Reading reading, String link) {
        boolean found = !reading.value().startsWith("no value");
        return new RunbookPage.Query(
                query.expression(),
                reading.value(),
                found,
                query.panel().isPresent() ? "panel " + query.panel().getAsInt() : "",
                link,
                reading.chart().orElse(null),
                reading.chartNote(),
                table(reading.series()));
    }

    /** The most series a labelled result shows in its table. */
    static final int MAX_ROWS = 8;

    /** The labelled series as a table, columns sorted by label name; null when there are none. */
    static RunbookPage.LabelTable table(List<LiveValues.Labelled> series) {
        if (series.isEmpty()) {
            return null;
        }
        List<String> columns =
                series.stream()
                        .flatMap(s -> s.labels().keySet().stream())
                        .distinct()
                        .sorted()
                        .toList();
        List<List<String>> rows = new ArrayList<>();
        for (LiveValues.Labelled s : series.subList(0, Math.min(MAX_ROWS, series.size()))) {
            List<String> row = new ArrayList<>();
            columns.forEach(c -> row.add(s.labels().getOrDefault(c, "")));
            row.add(s.value());
            rows.add(row);
        }
        return new RunbookPage.LabelTable(columns, rows, Math.max(0, series.size() - MAX_ROWS));
    }

    private static List<RunbookPage.Fact> facts(Metadata m) {
        List<RunbookPage.Fact> facts = new ArrayList<>();
        facts.add(new RunbookPage.Fact("kind", m.kind().word()));
        if (!m.alert().isEmpty()) {
            facts.add(new RunbookPage.Fact("alert", m.alert()));
        }
        facts.add(new RunbookPage.Fact("severity", m.severity()));
        if (!m.slo().isEmpty()) {
            facts.add(new RunbookPage.Fact("SLO", m.slo()));
        }
        facts.add(new RunbookPage.Fact("automation", m.automation().word()));
        if (!m.targets().isEmpty()) {
            facts.add(new RunbookPage.Fact("targets", String.join(", ", m.targets())));
        }
        return facts;
    }

    private static RunbookPage.StepItem item(Step step) {
        return new RunbookPage.StepItem(
                step.number(),
                step.action().text(),
                step.check().map(c -> c.text()).orElse(""),
                step.onFailure().text(),
                Durations.format(step.estimate()),
                step.needsPerson());
    }

    /** "20m30s of estimates, within the 30m SLA". */
    static String total(Runbook runbook) {
        String sum = Durations.format(runbook.estimatedTotal()) + " of estimates";
        return runbook.metadata()
                .sla()
                .map(
                        sla ->
                                sum
                                        + (overSla(runbook) ? ", over the " : ", within the ")
                                        + Durations.format(sla)
                                        + " SLA")
                .orElse(sum + "; no SLA stated");
    }

    private static boolean overSla(Runbook runbook) {
        Optional<Duration> sla = runbook.metadata().sla();
        return sla.isPresent() && runbook.estimatedTotal().compareTo(sla.get()) > 0;
    }
}
