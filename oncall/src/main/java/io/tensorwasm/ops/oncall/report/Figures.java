package io.tensorwasm.ops.oncall.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The response figures of one group of incidents (a week, a severity, a runbook): how many, how
 * many were acknowledged and how fast, how many resolved and how fast.
 *
 * @param group what the incidents share: {@code 2026-W43}, {@code sev-1}, a runbook id
 * @param incidents how many were opened
 * @param acknowledged how many were acknowledged
 * @param meanToAcknowledge the mean time from opening to the first acknowledgement
 * @param medianToAcknowledge the median of the same
 * @param resolved how many were resolved
 * @param meanToResolve the mean time from opening to resolution
 * @param medianToResolve the median of the same
 */
public record Figures(
        String group,
        int incidents,
        int acknowledged,
        Optional<Duration> meanToAcknowledge,
        Optional<Duration> medianToAcknowledge,
        int resolved,
        Optional<Duration> meanToResolve,
        Optional<Duration> medianToResolve) {

    /** The figures of a group from each incident's times. */
    static Figures of(String group, List<ResponseReport.Times> times) {
        List<Duration> ack = new ArrayList<>();
        List<Duration> resolve = new ArrayList<>();
        for (ResponseReport.Times t : times) {
            t.toAcknowledge().ifPresent(ack::add);
            t.toResolve().ifPresent(resolve::add);
        }
        return new Figures(
                group,
                times.size(),
                ack.size(),
                mean(ack),
                median(ack),
                resolve.size(),
                mean(resolve),
                median(resolve));
    }

    static Optional<Duration> mean(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        long total = values.stream().mapToLong(Duration::toSeconds).sum();
        return Optional.of(Duration.ofSeconds(Math.round((double) total / values.size())));
    }

    /** The middle value, or the mean of the two middle ones. */
    static Optional<Duration> median(List<Duration> values) {
        if (values.isEmpty()) {
            return Optional.empty();
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1
                ? Optional.of(sorted.get(n / 2))
                : Optional.of(sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }
}
