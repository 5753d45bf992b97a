package io.tensorwasm.ops.bench.wasm;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.tensorwasm.ops.bench.MachineLoad;
import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Dispatch latency as the alert sees it: a million 1 x 1 x 1 matmuls from a compiled guest, then
 * P50, P95 and P99 of {@code tensor_wasm_kernel_dispatch_duration_seconds} computed from its
 * buckets the way PromQL's {@code histogram_quantile} does.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.wasm.DispatchQuantiles target/bench/dispatch.json
 * }</pre>
 */
public final class DispatchQuantiles {

    private static final int WARMUP = 300_000;
    private static final int CALLS = 1_000_000;

    private DispatchQuantiles() {}

    public static void main(String[] args) throws IOException {
        dispatch(Guests.metrics(), WARMUP);
        RuntimeMetrics metrics = Guests.metrics();
        MachineLoad load = MachineLoad.start();
        long start = System.nanoTime();
        dispatch(metrics, CALLS);
        long elapsed = System.nanoTime() - start;
        JsonObject machine = load.stop();
        HistogramSnapshot.HistogramDataPointSnapshot matmul = matmulDurations(metrics);
        JsonObject result =
                new JsonObject()
                        .put("backend", metricsBackend(matmul))
                        .put("calls", matmul.getCount())
                        .put("meanCallMicros", elapsed / 1e3 / CALLS)
                        .put("meanDispatchMicros", matmul.getSum() / matmul.getCount() * 1e6)
                        .put("p50Micros", quantile(0.50, matmul.getClassicBuckets()) * 1e6)
                        .put("p95Micros", quantile(0.95, matmul.getClassicBuckets()) * 1e6)
                        .put("p99Micros", quantile(0.99, matmul.getClassicBuckets()) * 1e6)
                        .put("machine", machine);
        Files.writeString(Path.of(args[0]), result.encodePrettily());
        System.out.println("dispatch: " + result.encode());
    }

    private static String metricsBackend(HistogramSnapshot.HistogramDataPointSnapshot point) {
        return point.getLabels().get("backend");
    }

    private static void dispatch(RuntimeMetrics metrics, int calls) {
        Instance guest = Guests.compiled("matmul-kernel", Guests.kernels(metrics).imports());
        guest.export("fill").apply(1);
        ExportFunction multiply = guest.export("multiply");
        for (int i = 0; i < calls; i++) {
            multiply.apply(1);
        }
    }

    private static HistogramSnapshot.HistogramDataPointSnapshot matmulDurations(
            RuntimeMetrics metrics) {
        for (MetricSnapshot snapshot : metrics.registry().scrape()) {
            if (snapshot instanceof HistogramSnapshot histogram
                    && snapshot.getMetadata()
                            .getName()
                            .equals(RuntimeMetrics.KERNEL_DISPATCH_DURATION_SECONDS)) {
                for (HistogramSnapshot.HistogramDataPointSnapshot point :
                        histogram.getDataPoints()) {
                    if ("matmul".equals(point.getLabels().get("kernel"))) {
                        return point;
                    }
                }
            }
        }
        throw new IllegalStateException(
                RuntimeMetrics.KERNEL_DISPATCH_DURATION_SECONDS + ": no matmul series");
    }

    /** PromQL's histogram_quantile: linear inside the bucket that holds the rank. */
    static double quantile(double q, ClassicHistogramBuckets buckets) {
        long total = 0;
        for (int i = 0; i < buckets.size(); i++) {
            total += buckets.getCount(i);
        }
        double rank = q * total;
        long below = 0;
        double lower = 0;
        for (int i = 0; i < buckets.size(); i++) {
            double upper = buckets.getUpperBound(i);
            long count = buckets.getCount(i);
            if (below + count >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                return lower + (upper - lower) * (rank - below) / count;
            }
            below += count;
            lower = upper;
        }
        return lower;
    }
}
