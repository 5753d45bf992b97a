package io.tensorwasm.ops.oncall.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Who is on call for one team: layers of rotations, where a later layer wins wherever it has
 * someone, and overrides on top, where the last one wins.
 *
 * <pre>{@code
 * Schedule primary = new Schedule("primary", zone, List.of(weekly), List.of(), "console");
 * Optional<String> now = primary.holder(Instant.now());
 * List<Shift> fortnight = primary.shifts(from, from.plus(Duration.ofDays(14)));
 * }</pre>
 *
 * @param name its name, unique in the console
 * @param zone the time zone the schedule is shown in
 * @param layers its rotations, lowest first
 * @param overrides its overrides and swaps, oldest first
 * @param source where it came from: {@code console}, {@code rotations-file}, {@code
 *     grafana-oncall:ID}, {@code opsgenie:ID}
 */
public record Schedule(
        String name,
        ZoneId zone,
        List<Layer> layers,
        List<ScheduleOverride> overrides,
        String source) {

    public Schedule {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a schedule needs a name");
        }
        Objects.requireNonNull(zone, "zone");
        layers = List.copyOf(layers);
        overrides = List.copyOf(overrides);
        Objects.requireNonNull(source, "source");
    }

    /** Who is on call at an instant, overrides applied; nobody when no layer covers it. */
    public Optional<String> holder(Instant at) {
        return cover(at).or(() -> rotation(at));
    }

    private Optional<String> cover(Instant at) {
        for (int i = overrides.size() - 1; i >= 0; i--) {
            if (overrides.get(i).covers(at)) {
                return Optional.of(overrides.get(i).person());
            }
        }
        return Optional.empty();
    }

    private Optional<String> rotation(Instant at) {
        for (int i = layers.size() - 1; i >= 0; i--) {
            Optional<String> holder = layers.get(i).holder(at);
            if (holder.isPresent()) {
                return holder;
            }
        }
        return Optional.empty();
    }

    /**
     * The final shifts that overlap {@code [from, to)}, cut to it, in order; a person on call
     * across a hand-off to themselves holds one shift.
     */
    public List<Shift> shifts(Instant from, Instant to) {
        TreeSet<Instant> edges = new TreeSet<>(List.of(from, to));
        layers.forEach(layer -> edges.addAll(layer.edges(from, to)));
        for (ScheduleOverride o : overrides) {
            List.of(o.from(), o.to()).stream()
                    .filter(t -> t.isAfter(from) && t.isBefore(to))
                    .forEach(edges::add);
        }
        List<Shift> shifts = new ArrayList<>();
        Instant start = null;
        String person = null;
        boolean overridden = false;
        for (Instant edge : edges) {
            Optional<String> cover = edge.equals(to) ? Optional.empty() : cover(edge);
            Optional<String> now =
                    edge.equals(to) ? Optional.empty() : cover.or(() -> rotation(edge));
            if (person != null
                    && (now.isEmpty()
                            || !now.get().equals(person)
                            || overridden != cover.isPresent())) {
                shifts.add(new Shift(person, start, edge, overridden));
                person = null;
            }
            if (person == null && now.isPresent()) {
                person = now.get();
                start = edge;
                overridden = cover.isPresent();
            }
        }
        return shifts;
    }

    /** The same schedule with one more override on top. */
    public Schedule with(ScheduleOverride override) {
        List<ScheduleOverride> more = new ArrayList<>(overrides);
        more.add(override);
        return new Schedule(name, zone, layers, more, source);
    }

    /**
     * The two overrides of a swap: {@code first} gives the shift they hold at {@code firstAt} to
     * {@code second}, who gives the shift they hold at {@code secondAt} back. Each must be on call
     * then, by the schedule as it stands.
     */
    public List<ScheduleOverride> swap(
            String first, Instant firstAt, String second, Instant secondAt) {
        Shift a = shiftOf(first, firstAt);
        Shift b = shiftOf(second, secondAt);
        if (a.from().isBefore(b.to()) && b.from().isBefore(a.to())) {
            throw new IllegalArgumentException(
                    "the shifts of " + first + " and " + second + " overlap: nothing to swap");
        }
        return List.of(
                new ScheduleOverride(a.from(), a.to(), second, "swap with " + first),
                new ScheduleOverride(b.from(), b.to(), first, "swap with " + second));
    }

    private Shift shiftOf(String person, Instant at) {
        Instant day = at.minus(java.time.Duration.ofDays(62));
        return shifts(day, at.plus(java.time.Duration.ofDays(62))).stream()
                .filter(s -> !at.isBefore(s.from()) && at.isBefore(s.to()))
                .filter(s -> s.person().equals(person))
                .findFirst()
                .orElseThrow(
                        () ->
                                new IllegalArgumentException(
                                        person
                                                + " is not on call in "
                                                + name
                                                + " at "
                                                + at
                                                + ": only a shift someone holds can be swapped"));
    }

    /** An instant in this schedule's local time, {@code 2026-10-25 02:30}, for pages and plans. */
    public String local(Instant at) {
        return LocalDateTime.ofInstant(at, zone).toString().replace('T', ' ');
    }

    /** A shift in words: {@code Ana: 2026-10-25 02:00 to 2026-10-25 06:00 (override)}. */
    public String describe(Shift shift) {
        return shift.person()
                + ": "
                + local(shift.from())
                + " to "
                + local(shift.to())
                + (shift.overridden() ? " (override)" : "");
    }

    /** An override in words, with its note. */
    public String describe(ScheduleOverride override) {
        return override.person()
                + ": "
                + local(override.from())
                + " to "
                + local(override.to())
                + " ("
                + override.note()
                + ")";
    }
}
