package io.tensorwasm.ops.web.health;

import io.tensorwasm.ops.oncall.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The platform's own health, probed every few seconds in the background: is the runtime answering
 * {@code /healthz}, is Prometheus ready, does the database answer. Pages read the last snapshot, so
 * a dead runtime never slows the console down.
 */
public final class PlatformHealth {

    private static final long PROBE_TIMEOUT_MILLIS = 2_000;

    private final Vertx vertx;
    private final HttpClientAgent http;
    private final URI runtime;
    private final Optional<URI> prometheus;
    private final Database database;
    private final Clock clock;
    private final AtomicReference<HealthSnapshot> last;
    private long timer = -1;

    /** Health of the given parts; call {@link #start(long)} to begin probing. */
    public PlatformHealth(
            Vertx vertx, URI runtime, Optional<URI> prometheus, Database database, Clock clock) {
        this.vertx = vertx;
        this.http = vertx.createHttpClient();
        this.runtime = runtime;
        this.prometheus = prometheus;
        this.database = database;
        this.clock = clock;
        this.last = new AtomicReference<>(HealthSnapshot.unknown(runtime, prometheus));
    }

    /** Probes now and then every {@code periodMillis}; returns when the first probe is done. */
    public Future<HealthSnapshot> start(long periodMillis) {
        timer = vertx.setPeriodic(periodMillis, id -> probe());
        return probe();
    }

    /** Stops probing. */
    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        http.close();
    }

    /** The last snapshot taken. */
    public HealthSnapshot snapshot() {
        return last.get();
    }

    /** Probes every part once and records the snapshot. */
    public Future<HealthSnapshot> probe() {
        Future<Boolean> runtimeUp = httpOk(runtime.resolve("/healthz"), "\"ok\"");
        Future<Boolean> prometheusUp =
                prometheus
                        .map(p -> httpOk(p.resolve("/-/ready"), ""))
                        .orElse(Future.succeededFuture(false));
        Future<Boolean> databaseUp = vertx.executeBlocking(database::reachable, false);
        return Future.join(runtimeUp, prometheusUp, databaseUp)
                .transform(
                        ignored -> {
                            HealthSnapshot snapshot =
                                    new HealthSnapshot(
                                            clock.instant(),
                                            new HealthSnapshot.Part(
                                                    "runtime",
                                                    runtime.toString(),
                                                    state(runtimeUp)),
                                            new HealthSnapshot.Part(
                                                    "prometheus",
                                                    prometheus
                                                            .map(URI::toString)
                                                            .orElse("not configured"),
                                                    prometheus.isEmpty()
                                                            ? HealthSnapshot.State.NOT_CONFIGURED
                                                            : state(prometheusUp)),
                                            new HealthSnapshot.Part(
                                                    "database",
                                                    "console database",
                                                    state(databaseUp)));
                            last.set(snapshot);
                            return Future.succeededFuture(snapshot);
                        });
    }

    private static HealthSnapshot.State state(Future<Boolean> probe) {
        return probe.succeeded() && probe.result()
                ? HealthSnapshot.State.UP
                : HealthSnapshot.State.DOWN;
    }

    private Future<Boolean> httpOk(URI uri, String bodyMustContain) {
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setAbsoluteURI(uri.toString())
                        .setConnectTimeout(PROBE_TIMEOUT_MILLIS)
                        .setIdleTimeout(PROBE_TIMEOUT_MILLIS);
        return http.request(options)
                .compose(request -> request.send())
                .compose(
                        response ->
                                response.body()
                                        .map(
                                                body ->
                                                        response.statusCode() == 200
                                                                && body.toString()
                                                                        .contains(bodyMustContain)))
                .otherwise(false);
    }

    /** When the snapshot was taken, for pages that show its age. */
    public Instant takenAt() {
        return last.get().takenAt();
    }
}
