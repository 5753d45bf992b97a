package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.metrics.Sample;
import io.tensorwasm.ops.engine.metrics.Series;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Metrics in a member's scope: {@code metric()} reads the member's own {@code /metrics}, so a check
 * sees that member and no other; PromQL ({@code promql()} and {@code promql} steps) goes to the
 * run's Prometheus, where a step filters by {@code instance="{member.instance}"}.
 */
final class MemberMetrics implements MetricSource {

    private final MetricSource member;
    private final MetricSource prometheus;

    MemberMetrics(MetricSource member, MetricSource prometheus) {
        this.member = member;
        this.prometheus = prometheus;
    }

    @Override
    public double instant(String name, Map<String, String> labels) {
        return member.instant(name, labels);
    }

    @Override
    public List<Sample> query(String promql) {
        return prometheus.query(promql);
    }

    @Override
    public List<Series> range(String promql, Instant start, Instant end, Duration step) {
        return prometheus.range(promql, start, end, step);
    }

    @Override
    public String describe() {
        return member.describe() + " for metric(), " + prometheus.describe() + " for PromQL";
    }
}
