package io.tensorwasm.ops.engine.metrics;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where {@code metric()}, {@code promql()} and the {@code promql} action read values.
 *
 * <pre>{@code
 * MetricSource source = MetricSource.prometheus(URI.create("http://127.0.0.1:9090"));
 * MetricSource embedded = MetricSource.scrape(URI.create("http://127.0.0.1:8080/metrics"));
 * }</pre>
 */
public interface MetricSource {

    /** The value of one series, or the sum of all series of the name that carry the labels. */
    double instant(String name, Map<String, String> labels);

    /** The samples of an instant PromQL query. */
    List<Sample> query(String promql);

    /** The first value of an instant PromQL query; no data throws. */
    default double value(String promql) {
        List<Sample> samples = query(promql);
        if (samples.isEmpty()) {
            throw new IllegalStateException(promql + ": no data from " + describe());
        }
        return samples.get(0).value();
    }

    /**
     * The series of a PromQL range query between two times, one value per step. Only Prometheus
     * keeps history; a scrape source has none and says so.
     *
     * @throws IllegalStateException when the source keeps no history or the query fails
     */
    default List<Series> range(String promql, Instant start, Instant end, Duration step) {
        throw new IllegalStateException(
                promql + ": " + describe() + " keeps no history; range queries need Prometheus");
    }

    /** Where it reads, for messages. */
    String describe();

    /** The Prometheus HTTP API at a base URI. */
    static MetricSource prometheus(URI base) {
        return new PrometheusApi(base);
    }

    /** Scrapes a {@code /metrics} URL directly (the documented subset of PromQL). */
    static MetricSource scrape(URI metricsUrl) {
        return new ScrapeSource(metricsUrl, Duration.ofSeconds(1));
    }
}
