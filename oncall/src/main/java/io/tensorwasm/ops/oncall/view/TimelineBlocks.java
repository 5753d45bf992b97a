package io.tensorwasm.ops.oncall.view;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An incident's timeline as the page shows it (issue #17): each run's entries grouped under the
 * run, one line per step with what its check saw, and times as offsets from the incident's opening
 * with the full time beside them. Entries written before runs were named stay one line each.
 */
final class TimelineBlocks {

    private static final Pattern STARTED =
            Pattern.compile("step \\d+ (?:started: |started again \\(attempt \\d+\\): )(.*)");
    private static final Pattern ENDED = Pattern.compile("step \\d+ (\\w+)(.*)");
    private static final Pattern RUN_STARTED =
            Pattern.compile("(execution \\d+ of \\S+) started (.*)");
    private static final Pattern RUN_ENDED = Pattern.compile("execution \\d+ of \\S+ (\\w+)(.*)");

    private final Instant opened;
    private final List<IncidentPage.Block> blocks = new ArrayList<>();
    private final Map<Long, RunBuilder> runs = new LinkedHashMap<>();

    private TimelineBlocks(Instant opened) {
        this.opened = opened;
    }

    /** The blocks of a timeline, in the order their first entries happened. */
    static List<IncidentPage.Block> of(Instant opened, List<TimelineEvent> events) {
        TimelineBlocks timeline = new TimelineBlocks(opened);
        events.forEach(timeline::add);
        return timeline.blocks.stream().map(timeline::built).toList();
    }

    private void add(TimelineEvent event) {
        IncidentPage.Entry entry = entry(event);
        if (event.execution().isEmpty()) {
            blocks.add(new IncidentPage.Block(entry, null));
            return;
        }
        long id = event.execution().get();
        RunBuilder run = runs.get(id);
        if (run == null) {
            run = new RunBuilder(id, entry);
            runs.put(id, run);
            blocks.add(new IncidentPage.Block(null, placeholder(id)));
        }
        run.add(event, entry);
    }

    /** A run's place in the blocks until its entries are all read. */
    private static IncidentPage.Run placeholder(long id) {
        return new IncidentPage.Run(id, "", "", "", "", "", List.of(), List.of());
    }

    private IncidentPage.Block built(IncidentPage.Block block) {
        return block.run() == null
                ? block
                : new IncidentPage.Block(null, runs.get(block.run().executionId()).build());
    }

    IncidentPage.Entry entry(TimelineEvent e) {
        return new IncidentPage.Entry(
                Texts.since(Duration.between(opened, e.at())),
                Texts.utc(e.at()),
                e.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                e.kind().name().toLowerCase(Locale.ROOT),
                e.text());
    }

    /** One run's entries as they are read. */
    private static final class RunBuilder {
        private final long id;
        private final IncidentPage.Entry first;
        private String title;
        private String outcome = "running";
        private String css = "running";
        private final Map<Integer, StepBuilder> steps = new LinkedHashMap<>();
        private final List<IncidentPage.Entry> notes = new ArrayList<>();

        RunBuilder(long id, IncidentPage.Entry first) {
            this.id = id;
            this.first = first;
            this.title = "execution " + id;
        }

        void add(TimelineEvent event, IncidentPage.Entry entry) {
            if (event.step().isPresent()) {
                steps.computeIfAbsent(event.step().get(), n -> new StepBuilder(n, entry))
                        .add(event, entry);
                return;
            }
            Matcher started = RUN_STARTED.matcher(event.text());
            Matcher ended = RUN_ENDED.matcher(event.text());
            if (event.kind() == TimelineEvent.Kind.RUN_STARTED && started.matches()) {
                title = started.group(1) + " " + started.group(2);
            } else if (event.kind() == TimelineEvent.Kind.RUN_FINISHED && ended.matches()) {
                css = ended.group(1);
                outcome = ended.group(1) + ended.group(2);
            } else {
                notes.add(entry);
            }
        }

        IncidentPage.Run build() {
            return new IncidentPage.Run(
                    id,
                    title,
                    outcome,
                    css,
                    first.at(),
                    first.full(),
                    steps.values().stream().map(StepBuilder::build).toList(),
                    notes);
        }
    }

    /** One step's entries as they are read: started, maybe started again, ended. */
    private static final class StepBuilder {
        private final int number;
        private final IncidentPage.Entry first;
        private String action = "";
        private String result = "running";
        private String css = "running";
        private final List<IncidentPage.Entry> entries = new ArrayList<>();

        StepBuilder(int number, IncidentPage.Entry first) {
            this.number = number;
            this.first = first;
        }

        void add(TimelineEvent event, IncidentPage.Entry entry) {
            entries.add(entry);
            Matcher started = STARTED.matcher(event.text());
            if (started.matches()) {
                action = started.group(1);
                result = "running";
                css = "running";
                return;
            }
            Matcher ended = ENDED.matcher(event.text());
            if (ended.matches()) {
                css = ended.group(1);
                result = ended.group(1) + ended.group(2);
            }
        }

        IncidentPage.StepLine build() {
            return new IncidentPage.StepLine(
                    number, action, result, css, first.at(), first.full(), entries);
        }
    }
}
