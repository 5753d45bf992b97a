package io.tensorwasm.ops.bench.http;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** GETs /healthz every 10 ms on its own thread while a load runs, and reports the percentiles. */
final class HealthzSampler {

    private static final long PERIOD_MILLIS = 10;

    private final Api api;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Long> nanos = new ArrayList<>();
    private final Thread thread;
    private volatile Exception failure;

    private HealthzSampler(Api api) {
        this.api = api;
        this.thread = new Thread(this::sample, "healthz-sampler");
    }

    /** Warms the client up, then starts sampling. */
    static HealthzSampler start(Api api) throws IOException, InterruptedException {
        for (int i = 0; i < 50; i++) {
            api.healthz();
        }
        HealthzSampler sampler = new HealthzSampler(api);
        sampler.thread.start();
        return sampler;
    }

    private void sample() {
        try {
            while (running.get()) {
                long latency = api.healthz();
                synchronized (nanos) {
                    nanos.add(latency);
                }
                Thread.sleep(PERIOD_MILLIS);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            failure = e;
        }
    }

    /** Stops and returns P50, P95, P99 and the maximum in milliseconds. */
    JsonObject stop() throws InterruptedException {
        running.set(false);
        thread.join();
        if (failure != null) {
            throw new IllegalStateException("/healthz sampling failed", failure);
        }
        List<Long> sorted;
        synchronized (nanos) {
            sorted = nanos.stream().sorted().toList();
        }
        return new JsonObject()
                .put("samples", sorted.size())
                .put("p50Millis", at(sorted, 0.50))
                .put("p95Millis", at(sorted, 0.95))
                .put("p99Millis", at(sorted, 0.99))
                .put("maxMillis", sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double at(List<Long> sorted, double q) {
        int index = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1e6;
    }
}
