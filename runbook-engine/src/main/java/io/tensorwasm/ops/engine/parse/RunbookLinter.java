package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.check.Suggestions;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Branch;
import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.engine.model.FleetBlock;
import io.tensorwasm.ops.engine.model.Kind;
import io.tensorwasm.ops.engine.model.OnFailure;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Section;
import io.tensorwasm.ops.engine.model.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The rules a whole runbook follows: the nine sections, estimates against the total and SLA. */
final class RunbookLinter {

    /**
     * The nine H2 sections of an alert runbook, in order (seed 000's contract plus Verification).
     */
    static final List<String> SECTIONS =
            List.of(
                    "What this alert means",
                    "Symptoms users see",
                    "First-look queries",
                    "Mitigation steps",
                    "Verification",
                    "Root-cause hypotheses",
                    "When to page",
                    "Postmortem checklist",
                    "Related");

    /** Where the total and SLA were stated (null when not stated), and the end of the file. */
    record Anchors(Position total, Position sla, Position end) {}

    private RunbookLinter() {}

    static void lint(Runbook runbook, Anchors anchors, List<Problem> problems) {
        if (runbook.metadata().kind() == Kind.ALERT) {
            sections(runbook.sections(), anchors.end(), problems);
            if (runbook.steps().isEmpty()) {
                problems.add(
                        new Problem(
                                anchors.end(),
                                "alert runbook has no steps table under \"Mitigation steps\""));
            }
        }
        estimates(runbook, anchors, problems);
        fleetBlocks(runbook, problems);
    }

    /**
     * A fleet block runs straight through for each member: no {@code goto} and no {@code decide}
     * inside it, and no jump from outside into its middle. A failed member ends its own run of the
     * block, or hands the member over to another runbook ({@code runbook ID}).
     */
    private static void fleetBlocks(Runbook runbook, List<Problem> problems) {
        for (Step step : runbook.steps()) {
            Optional<FleetBlock> block = runbook.fleetBlock(step.number());
            String in = block.map(b -> " in the fleet block of " + b.steps()).orElse("");
            if (block.isPresent() && step.onFailure().then() == OnFailure.Then.GOTO) {
                problems.add(
                        new Problem(
                                step.position(),
                                "step "
                                        + step.number()
                                        + in
                                        + " cannot goto; a member's failure ends its run of the"
                                        + " block (abort, escalate, continue) or hands it over"
                                        + " (runbook ID)"));
            }
            if (block.isPresent() && step.action() instanceof Action.Decide) {
                problems.add(
                        new Problem(
                                step.position(),
                                "step "
                                        + step.number()
                                        + in
                                        + " cannot decide; a fleet block"
                                        + " runs straight through for each member"));
            }
            List<Integer> jumps = new ArrayList<>();
            if (step.onFailure().gotoStep() > 0) {
                jumps.add(step.onFailure().gotoStep());
            }
            if (step.action() instanceof Action.Decide decide) {
                decide.branches().stream().map(Branch::step).filter(n -> n > 0).forEach(jumps::add);
            }
            for (int target : jumps) {
                runbook.fleetBlock(target)
                        .filter(b -> b.first() != target && !b.contains(step.number()))
                        .ifPresent(
                                b ->
                                        problems.add(
                                                new Problem(
                                                        step.position(),
                                                        "step "
                                                                + step.number()
                                                                + " leads to step "
                                                                + target
                                                                + ", inside the fleet block of "
                                                                + b.steps()
                                                                + "; lead to its first step")));
            }
        }
    }

    private static void sections(List<Section> sections, Position end, List<Problem> problems) {
        List<Integer> present = new ArrayList<>();
        List<Section> canonical = new ArrayList<>();
        for (Section section : sections) {
            int index = SECTIONS.indexOf(section.title());
            if (index < 0) {
                String hint = Suggestions.didYouMean(section.title(), SECTIONS);
                problems.add(
                        new Problem(
                                section.position(),
                                "unexpected section \""
                                        + section.title()
                                        + "\" in an alert runbook"
                                        + hint));
                if (!hint.isEmpty()) {
                    present.add(
                            SECTIONS.indexOf(
                                    hint.substring(
                                            "; did you mean \"".length(), hint.length() - 2)));
                }
                continue;
            }
            present.add(index);
            canonical.add(section);
        }
        for (int i = 0; i < SECTIONS.size(); i++) {
            if (!present.contains(i)) {
                Position at = nextSection(sections, i).orElse(end);
                String where =
                        i == 0
                                ? "it comes first"
                                : "it comes after \"" + SECTIONS.get(i - 1) + "\"";
                problems.add(
                        new Problem(at, "missing section \"" + SECTIONS.get(i) + "\"; " + where));
            }
        }
        int highest = -1;
        for (Section section : canonical) {
            int index = SECTIONS.indexOf(section.title());
            if (index < highest) {
                problems.add(
                        new Problem(
                                section.position(),
                                "section \""
                                        + section.title()
                                        + "\" is out of order; it comes before \""
                                        + SECTIONS.get(highest)
                                        + "\""));
            }
            highest = Math.max(highest, index);
        }
    }

    private static Optional<Position> nextSection(List<Section> sections, int missing) {
        return sections.stream()
                .filter(s -> SECTIONS.indexOf(s.title()) > missing)
                .map(Section::position)
                .findFirst();
    }

    private static void estimates(Runbook runbook, Anchors anchors, List<Problem> problems) {
        Duration sum = runbook.estimatedTotal();
        Optional<Duration> stated = runbook.metadata().total();
        if (stated.isPresent() && !stated.get().equals(sum) && anchors.total() != null) {
            problems.add(
                    new Problem(
                            anchors.total(),
                            "stated total "
                                    + Durations.format(stated.get())
                                    + " is not the sum of the step estimates, "
                                    + Durations.format(sum)));
        }
        Duration total = stated.orElse(sum);
        Optional<Duration> sla = runbook.metadata().sla();
        if (sla.isPresent() && total.compareTo(sla.get()) > 0 && anchors.sla() != null) {
            problems.add(
                    new Problem(
                            anchors.sla(),
                            "total "
                                    + Durations.format(total)
                                    + " is over the SLA of "
                                    + Durations.format(sla.get())));
        }
    }

    /**
     * Catalogue rules: unique ids, and every decide answer and every hand-over leads to another
     * runbook that exists.
     */
    static void catalogue(List<Runbook> runbooks, List<Problem> problems) {
        Map<String, Runbook> seen = new HashMap<>();
        for (Runbook runbook : runbooks) {
            Runbook first = seen.putIfAbsent(runbook.id(), runbook);
            if (first != null) {
                problems.add(
                        new Problem(
                                runbook.position(),
                                "duplicate runbook id \""
                                        + runbook.id()
                                        + "\"; first defined at "
                                        + first.position()));
            }
        }
        for (Runbook runbook : runbooks) {
            for (Step step : runbook.steps()) {
                if (step.action() instanceof Action.Decide decide) {
                    for (Branch branch : decide.branches()) {
                        if (!branch.runbook().isEmpty() && !seen.containsKey(branch.runbook())) {
                            problems.add(
                                    new Problem(
                                            step.position(),
                                            "answer \""
                                                    + branch.answer()
                                                    + "\" leads to unknown runbook \""
                                                    + branch.runbook()
                                                    + "\""
                                                    + Suggestions.didYouMean(
                                                            branch.runbook(), seen.keySet())));
                        }
                    }
                }
                handOver(runbook, step, seen.keySet()).ifPresent(problems::add);
            }
        }
    }

    private static Optional<Problem> handOver(Runbook runbook, Step step, Set<String> ids) {
        String other = step.onFailure().runbook();
        if (other.isEmpty()) {
            return Optional.empty();
        }
        if (other.equals(runbook.id())) {
            return Optional.of(
                    new Problem(
                            step.position(),
                            "step "
                                    + step.number()
                                    + " hands over to its own runbook \""
                                    + other
                                    + "\"; use goto N or retry N"));
        }
        if (!ids.contains(other)) {
            return Optional.of(
                    new Problem(
                            step.position(),
                            "step "
                                    + step.number()
                                    + " hands over to unknown runbook \""
                                    + other
                                    + "\""
                                    + Suggestions.didYouMean(other, ids)));
        }
        return Optional.empty();
    }
}
