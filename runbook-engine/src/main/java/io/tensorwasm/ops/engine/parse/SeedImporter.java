package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.Metadata;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Imports the seed's table style as it is (seed 004): {@code P1-001: Title}, {@code Symptoms:}, the
 * table {@code | Step | Action | Expected Metrics | Estimated Duration |}, {@code Escalation:} and
 * {@code Total estimated duration: 12min (within 15min SLA)}; one file holds several runbooks. The
 * seed is plain text, not Markdown (a line after a table would be a table row in GFM), so it is
 * read line by line.
 */
final class SeedImporter {

    private static final Pattern HEADER = Pattern.compile("^(P(\\d)-\\d+):\\s*(.+)$");
    private static final Pattern TOTAL =
            Pattern.compile(
                    "Total estimated duration:\\s*(\\d+\\s*[a-z]+)(?:\\s*\\(within\\s+(\\d+\\s*[a-z]+)\\s+SLA\\))?");
    private static final Pattern ESCALATION =
            Pattern.compile("Escalation:\\s*(.*?)\\s*(?=Total estimated duration:|$)");

    /** True when the text holds seed-style runbooks. */
    static boolean recognises(String text) {
        return text.lines().anyMatch(l -> HEADER.matcher(l.strip()).matches());
    }

    private final Path file;
    private final List<String> lines;
    private final List<Problem> problems;

    private SeedImporter(Path file, List<String> lines, List<Problem> problems) {
        this.file = file;
        this.lines = lines;
        this.problems = problems;
    }

    static List<Runbook> parse(Path file, String text, List<Problem> problems) {
        return new SeedImporter(file, text.lines().toList(), problems).read();
    }

    private List<Runbook> read() {
        List<Runbook> runbooks = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            if (HEADER.matcher(lines.get(i).strip()).matches()) {
                int end = i + 1;
                while (end < lines.size() && !HEADER.matcher(lines.get(end).strip()).matches()) {
                    end++;
                }
                block(i, end).ifPresent(runbooks::add);
                i = end;
            } else {
                i++;
            }
        }
        return runbooks;
    }

    private Optional<Runbook> block(int start, int end) {
        Matcher header = HEADER.matcher(lines.get(start).strip());
        header.matches();
        String id = header.group(1).toLowerCase(Locale.ROOT);
        List<Step> steps = new ArrayList<>();
        String escalation = "";
        Duration total = null;
        Duration sla = null;
        Position totalAt = null;
        Position slaAt = null;
        for (int i = start + 1; i < end; i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("|")
                    && !line.contains("---")
                    && !line.matches("\\|\\s*Step\\s*\\|.*")) {
                row(i, line).ifPresent(steps::add);
            }
            Matcher e = ESCALATION.matcher(line);
            if (e.find()) {
                escalation = e.group(1);
            }
            Matcher t = TOTAL.matcher(line);
            if (t.find()) {
                total = DurationText.parse(t.group(1));
                totalAt = new Position(file, i + 1, t.start(1) + 1);
                if (t.group(2) != null) {
                    sla = DurationText.parse(t.group(2));
                    slaAt = new Position(file, i + 1, t.start(2) + 1);
                }
            }
        }
        Metadata metadata =
                new Metadata(
                        Kind.PROCEDURE,
                        "",
                        "sev-" + header.group(2),
                        "",
                        "",
                        Automation.OFF,
                        Optional.ofNullable(sla),
                        Optional.ofNullable(total),
                        List.of(),
                        Guardrails.DEFAULT,
                        Map.of());
        String text = String.join("\n", lines.subList(start, end));
        Position at = new Position(file, start + 1, 1);
        Runbook runbook =
                new Runbook(
                        id,
                        header.group(3).strip(),
                        metadata,
                        List.of(),
                        steps,
                        escalation,
                        Hashes.sha256(text),
                        at,
                        List.of(),
                        text);
        RunbookLinter.lint(
                runbook,
                new RunbookLinter.Anchors(totalAt, slaAt, new Position(file, end, 1)),
                problems);
        return Optional.of(runbook);
    }

    private Optional<Step> row(int index, String line) {
        List<Cell> cells = new ArrayList<>();
        int from = line.indexOf('|') + 1;
        for (int bar = line.indexOf('|', from); bar >= 0; bar = line.indexOf('|', from)) {
            cells.add(Cell.of(line.substring(from, bar), new Position(file, index + 1, from + 1)));
            from = bar + 1;
        }
        if (cells.size() != 4) {
            problems.add(
                    new Problem(
                            new Position(file, index + 1, 1),
                            "seed row has "
                                    + cells.size()
                                    + " cells; the seed table has Step, Action, Expected Metrics, Estimated Duration"));
            return Optional.empty();
        }
        if (!cells.get(0).text().matches("\\d+")) {
            problems.add(
                    new Problem(
                            cells.get(0).position(),
                            "bad step number \"" + cells.get(0).text() + "\""));
            return Optional.empty();
        }
        Duration estimate;
        try {
            estimate = DurationText.parse(cells.get(3).text());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(cells.get(3).position(), e.getMessage()));
            return Optional.empty();
        }
        Check check = SeedNotation.check(cells.get(2).text(), cells.get(2).position());
        return Optional.of(
                new Step(
                        Integer.parseInt(cells.get(0).text()),
                        SeedNotation.action(cells.get(1).text()),
                        Optional.of(check),
                        estimate,
                        OnFailure.ESCALATE,
                        new Position(file, index + 1, 1)));
    }
}
