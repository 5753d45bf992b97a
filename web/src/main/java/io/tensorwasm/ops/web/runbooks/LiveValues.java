package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.engine.exec.Redactor;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.metrics.Sample;
import io.tensorwasm.ops.engine.metrics.Series;
import io.tensorwasm.ops.oncall.run.Chart;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The live value of each first-look query, and its chart over the last hour, read from the engine's
 * {@link MetricSource} (Prometheus when configured, else the runtime's {@code /metrics}) on worker
 * threads, never on the event loop. A source that fails or is slow gives {@code "no value:
 * <reason>"}, so a dead runtime never stops a runbook page from rendering. Values are kept for a
 * few seconds, so a reload does not query again. Charts come from Prometheus range queries; a
 * source without history says so under the value.
 */
public final class LiveValues {

    private static final int MAX_SERIES = 4;

    /** How far back a chart reaches, and how many points it has. */
    static final Duration CHART_RANGE = Duration.ofHours(1);

    static final int CHART_POINTS = 60;

    private final WorkerExecutor workers;
    private final MetricSource source;
    private final Duration timeout;
    private final Duration keep;
    private final Clock clock;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    /**
     * Values from a source, queried on the workers.
     *
     * @param timeout how long a page waits for one value
     * @param keep how long a value is reused
     */
    public LiveValues(
            WorkerExecutor workers,
            MetricSource source,
            Duration timeout,
            Duration keep,
            Clock clock) {
        this.workers = workers;
        this.source = source;
        this.timeout = timeout;
        this.keep = keep;
        this.clock = clock;
    }

    /** Where the values come from, for the page. */
    public String describe() {
        return source.describe();
    }

    /**
     * A query's value now and its chart.
     *
     * @param value the value, or {@code no value: <reason>}
     * @param series each series of a result grouped by labels, with its labels (issue #17: a bare
     *     number of {@code sum by (route, status)} says nothing); empty for a single unlabelled
     *     value
     * @param chart its chart over the last hour, when the source keeps history and has data
     * @param chartNote why there is no chart, or empty
     */
    public record Reading(
            String value, List<Labelled> series, Optional<Chart> chart, String chartNote) {

        public Reading {
            series = List.copyOf(series);
        }

        /** A value without a chart, nor a word about one. */
        public static Reading of(String value) {
            return new Reading(value, List.of(), Optional.empty(), "");
        }
    }

    /**
     * One series of a labelled result.
     *
     * @param labels its labels, by name
     * @param value its value, as the page prints numbers
     */
    public record Labelled(Map<String, String> labels, String value) {

        public Labelled {
            labels = Map.copyOf(labels);
        }
    }

    /** The value now, and its series when they carry labels. */
    private record Now(String value, List<Labelled> series) {}

    /** The reading of each query, in order; every future succeeds. */
    public Future<List<Reading>> of(List<FirstLookQuery> queries) {
        List<Future<Reading>> readings = new ArrayList<>();
        for (FirstLookQuery query : queries) {
            readings.add(reading(query.expression()));
        }
        return Future.join(readings).map(all -> readings.stream().map(Future::result).toList());
    }

    private Future<Reading> reading(String expression) {
        Instant now = clock.instant();
        Kept last = kept.get(expression);
        if (last != null && last.at().plus(keep).isAfter(now)) {
            return Future.succeededFuture(last.reading());
        }
        Future<Now> value =
                workers.executeBlocking(() -> read(expression), false)
                        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .otherwise(
                                failure ->
                                        new Now(
                                                "no value: " + failed(expression, failure),
                                                List.of()));
        Future<Reading> chart =
                workers.executeBlocking(() -> chart(expression, now), false)
                        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .otherwise(
                                failure ->
                                        new Reading(
                                                "",
                                                List.of(),
                                                Optional.empty(),
                                                "no chart: " + failed(expression, failure)));
        return Future.all(value, chart)
                .map(
                        both ->
                                new Reading(
                                        value.result().value(),
                                        value.result().series(),
                                        chart.result().chart(),
                                        chart.result().chartNote()))
                .onSuccess(reading -> kept.put(expression, new Kept(now, reading)));
    }

    private String failed(String expression, Throwable failure) {
        return failure instanceof TimeoutException
                ? "no answer from " + source.describe() + " within " + timeout.toMillis() + " ms"
                : reason(expression, failure);
    }

    /** The chart over the last hour, or why there is none; a source without history throws. */
    private Reading chart(String expression, Instant now) {
        Instant from = now.minus(CHART_RANGE);
        List<Series> series =
                source.range(expression, from, now, CHART_RANGE.dividedBy(CHART_POINTS));
        Optional<Chart> chart =
                Chart.of(
                        series.stream()
                                .map(
                                        s ->
                                                new Chart.Data(
                                                        s.labels(),
                                                        s.points().stream()
                                                                .map(Series.Point::value)
                                                                .toList()))
                                .toList(),
                        from,
                        now);
        return new Reading(
                "",
                List.of(),
                chart,
                chart.isPresent() ? "" : "no chart: no data in the last hour");
    }

    private Now read(String expression) {
        List<Sample> samples = source.query(expression);
        if (samples.isEmpty()) {
            return new Now("no value: no data from " + source.describe(), List.of());
        }
        List<Labelled> series =
                samples.stream().allMatch(s -> s.labels().isEmpty())
                        ? List.of()
                        : samples.stream()
                                .map(s -> new Labelled(s.labels(), number(s.value())))
                                .toList();
        if (samples.size() == 1) {
            return new Now(number(samples.get(0).value()), series);
        }
        String shown =
                samples.stream()
                        .limit(MAX_SERIES)
                        .map(s -> labels(s) + " " + number(s.value()))
                        .collect(Collectors.joining("; "));
        return new Now(
                samples.size() > MAX_SERIES
                        ? shown + "; and " + (samples.size() - MAX_SERIES) + " more series"
                        : shown,
                series);
    }

    private static String labels(Sample sample) {
        return sample.labels().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A value with at most four significant digits: 0.1234, 42, 1.5e+3 stays 1500. */
    static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** The failure in one line, without the expression the page already shows. */
    private static String reason(String expression, Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure) {
            text.append(": ")
                    .append(
                            cause.getMessage() == null
                                    ? cause.getClass().getSimpleName()
                                    : cause.getMessage());
        }
        String line = text.toString().replace('\n', ' ');
        if (line.startsWith(expression + ": ")) {
            line = line.substring(expression.length() + 2);
        }
        return Redactor.patterns().redact(line);
    }

    private record Kept(Instant at, Reading reading) {}
}
