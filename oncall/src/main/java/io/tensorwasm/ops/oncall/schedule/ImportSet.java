package io.tensorwasm.ops.oncall.schedule;

import java.util.List;
import java.util.Map;

/**
 * What an importer read from another paging tool: its people, the schedules and escalation policies
 * it could express here, and what it could not, each with the reason.
 *
 * @param tool the tool: {@code grafana-oncall}, {@code opsgenie}
 * @param people the people, with their emails
 * @param schedules the schedules, their members named as {@link #people} are
 * @param policies the escalation policies
 * @param skipped what was left out and why
 */
public record ImportSet(
        String tool,
        List<Person> people,
        List<Schedule> schedules,
        List<EscalationPolicy> policies,
        List<Skip> skipped) {

    public ImportSet {
        people = List.copyOf(people);
        schedules = List.copyOf(schedules);
        policies = List.copyOf(policies);
        skipped = List.copyOf(skipped);
    }

    /**
     * Something an importer could not bring over.
     *
     * @param kind {@code person}, {@code schedule}, {@code rotation}, {@code override}, {@code
     *     policy}, {@code policy step}
     * @param name what the tool calls it
     * @param reason why, e.g. "time-restricted rotation: not supported"
     */
    public record Skip(String kind, String name, String reason) {}

    /** The same set with people renamed, in schedules and policies too. */
    ImportSet renamed(Map<String, String> names) {
        if (names.isEmpty()) {
            return this;
        }
        return new ImportSet(
                tool,
                people.stream()
                        .map(
                                p ->
                                        new Person(
                                                names.getOrDefault(p.name(), p.name()),
                                                p.email(),
                                                p.source()))
                        .toList(),
                schedules.stream().map(s -> renamed(s, names)).toList(),
                policies.stream().map(p -> renamed(p, names)).toList(),
                skipped);
    }

    private static Schedule renamed(Schedule s, Map<String, String> names) {
        return new Schedule(
                s.name(),
                s.zone(),
                s.layers().stream()
                        .map(
                                l ->
                                        new Layer(
                                                l.name(),
                                                l.members().stream()
                                                        .map(m -> names.getOrDefault(m, m))
                                                        .toList(),
                                                l.zone(),
                                                l.start(),
                                                l.shift(),
                                                l.until()))
                        .toList(),
                s.overrides().stream()
                        .map(
                                o ->
                                        new ScheduleOverride(
                                                o.from(),
                                                o.to(),
                                                names.getOrDefault(o.person(), o.person()),
                                                o.note()))
                        .toList(),
                s.source());
    }

    private static EscalationPolicy renamed(EscalationPolicy p, Map<String, String> names) {
        return new EscalationPolicy(
                p.name(),
                p.tiers().stream()
                        .map(
                                t ->
                                        new PolicyTier(
                                                t.schedule(),
                                                t.person().map(n -> names.getOrDefault(n, n)),
                                                t.ackTimeout()))
                        .toList(),
                p.source());
    }
}
