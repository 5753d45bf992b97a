package io.tensorwasm.ops.web.home;

import io.vertx.core.Future;
import java.util.List;

/**
 * Where the home page learns what fires now. Today: nothing, or the Alertmanager API; the webhook
 * receiver (issue #8) will keep its own state of delivered alerts behind this interface.
 */
public interface FiringAlerts {

    /** The alerts firing now; a failed future says why they could not be read. */
    Future<List<FiringAlert>> firing();

    /** Where they come from, for the page: "Alertmanager at http://...". */
    String describe();

    /** Knows of no alert: what the console has before any source is configured. */
    static FiringAlerts none() {
        return new FiringAlerts() {
            @Override
            public Future<List<FiringAlert>> firing() {
                return Future.succeededFuture(List.of());
            }

            @Override
            public String describe() {
                return "no alert source: configure --alertmanager-url, or wait for the webhook";
            }
        };
    }
}
