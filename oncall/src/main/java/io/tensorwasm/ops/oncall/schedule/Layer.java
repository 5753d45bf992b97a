package io.tensorwasm.ops.oncall.schedule;

import io.tensorwasm.ops.engine.model.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One rotation of a schedule: its members take shifts of one length in turn, the first from a
 * hand-off at a local time in a time zone. Hand-offs are counted in that zone's wall-clock time, so
 * a daily shift handing off at 09:00 in Europe/Berlin still hands off at 09:00 after a change to or
 * from summer time; that shift is then 23 or 25 hours long.
 *
 * <pre>{@code
 * Layer weekly = new Layer("primary", List.of("Ana", "Bo"), ZoneId.of("Europe/Berlin"),
 *         LocalDateTime.parse("2026-03-02T09:00"), Duration.ofDays(7), Optional.empty());
 * }</pre>
 *
 * @param name what the schedule calls it
 * @param members who takes the shifts, in order
 * @param zone the time zone of the hand-offs
 * @param start the first hand-off, in that zone's local time
 * @param shift the length of a shift in local time, whole minutes of at least an hour
 * @param until when the rotation ends, if it does
 */
public record Layer(
        String name,
        List<String> members,
        ZoneId zone,
        LocalDateTime start,
        Duration shift,
        Optional<Instant> until) {

    public Layer {
        Objects.requireNonNull(name, "name");
        members = List.copyOf(members);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(until, "until");
        if (members.isEmpty()) {
            throw new IllegalArgumentException(name + ": a rotation needs at least one member");
        }
        if (shift.compareTo(Duration.ofHours(1)) < 0 || shift.toSecondsPart() != 0) {
            throw new IllegalArgumentException(
                    shift
                            + ": rotation "
                            + name
                            + " needs shifts of whole minutes, an hour or more");
        }
    }

    /** The instant of hand-off number {@code n}; hand-off 0 is the start. */
    public Instant handoff(long n) {
        return start.plus(shift.multipliedBy(n)).atZone(zone).toInstant();
    }

    /** Who holds the rotation at an instant; nobody before its start or after its end. */
    public Optional<String> holder(Instant at) {
        if (at.isBefore(handoff(0)) || until.map(u -> !at.isBefore(u)).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(members.get((int) Math.floorMod(index(at), (long) members.size())));
    }

    /** The number of the shift that holds the instant. */
    long index(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        long n = Math.floorDiv(Duration.between(start, local).getSeconds(), shift.getSeconds());
        while (handoff(n).isAfter(at)) {
            n--;
        }
        while (!handoff(n + 1).isAfter(at)) {
            n++;
        }
        return n;
    }

    /** Every instant in {@code [from, to)} where the holder may change: hand-offs, start, end. */
    List<Instant> edges(Instant from, Instant to) {
        List<Instant> edges = new ArrayList<>();
        Instant first = handoff(0);
        if (!first.isBefore(from) && first.isBefore(to)) {
            edges.add(first);
        }
        long n = first.isBefore(from) ? index(from) + 1 : 1;
        for (Instant h = handoff(n); h.isBefore(to); h = handoff(++n)) {
            edges.add(h);
        }
        until.filter(u -> !u.isBefore(from) && u.isBefore(to)).ifPresent(edges::add);
        return edges;
    }

    /** The rotation in words: {@code weekly: Ana, Bo, shifts of 7d from 2026-03-02T09:00 UTC}. */
    public String describe() {
        return name
                + ": "
                + String.join(", ", members)
                + ", shifts of "
                + Durations.format(shift)
                + " from "
                + start
                + " "
                + zone.getId()
                + until.map(u -> " until " + u).orElse("");
    }
}
