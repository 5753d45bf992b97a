package io.tensorwasm.ops.web.runbooks;

import io.tensorwasm.ops.engine.exec.Redactor;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.metrics.Sample;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The live value of each first-look query, read from the engine's {@link MetricSource} (Prometheus
 * when configured, else the runtime's {@code /metrics}) on worker threads, never on the event loop.
 * A source that fails or is slow gives {@code "no value: <reason>"}, so a dead runtime never stops
 * a runbook page from rendering. Values are kept for a few seconds, so a reload does not query
 * again.
 */
public final class LiveValues {

    private static final int MAX_SERIES = 4;

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

    /** The value of each query, in order; every future succeeds. */
    public Future<List<String>> of(List<FirstLookQuery> queries) {
        List<Future<String>> values = new ArrayList<>();
        for (FirstLookQuery query : queries) {
            values.add(value(query.expression()));
        }
        return Future.join(values).map(all -> values.stream().map(Future::result).toList());
    }

    private Future<String> value(String expression) {
        Instant now = clock.instant();
        Kept last = kept.get(expression);
        if (last != null && last.at().plus(keep).isAfter(now)) {
            return Future.succeededFuture(last.text());
        }
        return workers.executeBlocking(() -> read(expression), false)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .otherwise(
                        failure ->
                                failure instanceof TimeoutException
                                        ? "no value: no answer from "
                                                + source.describe()
                                                + " within "
                                                + timeout.toMillis()
                                                + " ms"
                                        : "no value: " + reason(expression, failure))
                .onSuccess(text -> kept.put(expression, new Kept(now, text)));
    }

    private String read(String expression) {
        List<Sample> samples = source.query(expression);
        if (samples.isEmpty()) {
            return "no value: no data from " + source.describe();
        }
        if (samples.size() == 1) {
            return number(samples.get(0).value());
        }
        String shown =
                samples.stream()
                        .limit(MAX_SERIES)
                        .map(s -> labels(s) + " " + number(s.value()))
                        .collect(Collectors.joining("; "));
        return samples.size() > MAX_SERIES
                ? shown + "; and " + (samples.size() - MAX_SERIES) + " more series"
                : shown;
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
        return Redactor.redact(line);
    }

    private record Kept(Instant at, String text) {}
}
