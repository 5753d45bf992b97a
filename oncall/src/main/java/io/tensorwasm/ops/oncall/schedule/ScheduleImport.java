package io.tensorwasm.ops.oncall.schedule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brings what an importer read into the console: a plan first, saying of each object whether it
 * would be created, updated, left as it is, or skipped and why; then, on request, the writes.
 * Applying is idempotent: what is already as the tool says is left alone, so a second apply changes
 * nothing. People are matched by email: someone the console knows keeps their name here.
 *
 * <pre>{@code
 * ScheduleImport.Plan plan = ScheduleImport.plan(read, stores);
 * plan.lines().forEach(line -> out.println(line.text()));
 * int changes = plan.apply(stores);
 * }</pre>
 */
public final class ScheduleImport {

    private ScheduleImport() {}

    /** What happens to an object. */
    public enum Action {
        CREATE,
        UPDATE,
        UNCHANGED,
        SKIP;

        /** The word plans print: {@code create}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One object of the plan.
     *
     * @param kind person, schedule, policy, rotation...
     * @param name its name
     * @param action what happens to it
     * @param reason why, or empty
     */
    public record Line(String kind, String name, Action action, String reason) {

        /** {@code create schedule Platform primary} and the reason, if any. */
        public String text() {
            return String.format(
                    Locale.ROOT,
                    "%-9s %-12s %s%s",
                    action.word(),
                    kind,
                    name,
                    reason.isEmpty() ? "" : ": " + reason);
        }
    }

    /**
     * Where the import writes.
     *
     * @param roster the people
     * @param schedules the schedules
     * @param policies the escalation policies
     */
    public record Stores(Roster roster, ScheduleStore schedules, PolicyStore policies) {}

    /**
     * The plan of an import.
     *
     * @param set what was read, people renamed to the names the console knows them by
     * @param lines each object and what happens to it
     */
    public record Plan(ImportSet set, List<Line> lines) {

        /** How many objects the plan creates or updates. */
        public long changes() {
            return lines.stream()
                    .filter(l -> l.action() == Action.CREATE || l.action() == Action.UPDATE)
                    .count();
        }

        /** Writes what the plan creates or updates; returns how many objects it wrote. */
        public int apply(Stores stores) {
            int written = 0;
            for (Line line : lines) {
                if (line.action() != Action.CREATE && line.action() != Action.UPDATE) {
                    continue;
                }
                switch (line.kind()) {
                    case "person" -> stores.roster().save(find(set.people(), Person::name, line));
                    case "schedule" ->
                            stores.schedules().save(find(set.schedules(), Schedule::name, line));
                    case "policy" ->
                            stores.policies()
                                    .save(find(set.policies(), EscalationPolicy::name, line));
                    default -> throw new IllegalStateException(line.kind() + ": nothing to write");
                }
                written++;
            }
            return written;
        }

        private static <T> T find(
                List<T> all, java.util.function.Function<T, String> name, Line line) {
            return all.stream()
                    .filter(t -> name.apply(t).equals(line.name()))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Compares what was read with what the console holds. */
    public static Plan plan(ImportSet read, Stores stores) {
        Map<String, String> names = new HashMap<>();
        List<Line> lines = new ArrayList<>();
        for (Person p : read.people()) {
            Optional<Person> known = p.email().flatMap(stores.roster()::byEmail);
            if (known.isPresent()) {
                names.put(p.name(), known.get().name());
                lines.add(
                        new Line(
                                "person",
                                known.get().name(),
                                Action.UNCHANGED,
                                "matched by email " + p.email().get()));
            }
        }
        ImportSet set = read.renamed(names);
        for (Person p : set.people()) {
            if (!names.containsValue(p.name())) {
                lines.add(new Line("person", p.name(), Action.CREATE, p.email().orElse("")));
            }
        }
        for (Schedule s : set.schedules()) {
            lines.add(
                    line(
                            "schedule",
                            s.name(),
                            s.source(),
                            stores.schedules()
                                    .schedule(s.name())
                                    .map(o -> new Known(o.source(), o.equals(s)))));
        }
        for (EscalationPolicy p : set.policies()) {
            lines.add(
                    line(
                            "policy",
                            p.name(),
                            p.source(),
                            stores.policies()
                                    .policy(p.name())
                                    .map(o -> new Known(o.source(), o.equals(p)))));
        }
        read.skipped()
                .forEach(s -> lines.add(new Line(s.kind(), s.name(), Action.SKIP, s.reason())));
        return new Plan(set, lines);
    }

    private record Known(String source, boolean same) {}

    private static Line line(String kind, String name, String source, Optional<Known> known) {
        if (known.isEmpty()) {
            return new Line(kind, name, Action.CREATE, "");
        }
        if (!tool(known.get().source()).equals(tool(source))) {
            return new Line(
                    kind,
                    name,
                    Action.SKIP,
                    "a " + kind + " of this name came from " + known.get().source());
        }
        return known.get().same()
                ? new Line(kind, name, Action.UNCHANGED, "")
                : new Line(kind, name, Action.UPDATE, "");
    }

    private static String tool(String source) {
        int colon = source.indexOf(':');
        return colon < 0 ? source : source.substring(0, colon);
    }
}
