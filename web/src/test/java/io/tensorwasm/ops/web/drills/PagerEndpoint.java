package io.tensorwasm.ops.web.drills;

import io.tensorwasm.ops.testkit.HttpRecorder;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A pager's generic JSON webhook on 127.0.0.1 ({@link HttpRecorder}): answers 200 and shows every
 * event it received, in order, as JSON.
 */
final class PagerEndpoint implements AutoCloseable {

    private final HttpRecorder http = HttpRecorder.answering(200, "{}");

    URI url() {
        return http.url("/hook");
    }

    List<JsonObject> events() {
        return http.bodies().stream().map(JsonObject::new).toList();
    }

    /** Waits for the nth event (from 1) and returns it. */
    JsonObject await(int n, Duration timeout) throws InterruptedException {
        return new JsonObject(http.await(n, timeout).body());
    }

    @Override
    public void close() {
        http.close();
    }
}
