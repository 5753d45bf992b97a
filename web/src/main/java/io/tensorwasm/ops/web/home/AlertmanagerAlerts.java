package io.tensorwasm.ops.web.home;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The alerts an Alertmanager holds as active (not silenced, not inhibited), read from its v2 API
 * ({@code GET /api/v2/alerts}) without blocking the event loop.
 */
public final class AlertmanagerAlerts implements FiringAlerts {

    private static final long TIMEOUT_MILLIS = 2_000;

    private final HttpClientAgent http;
    private final URI base;

    /** Alerts of the Alertmanager at a base URL. */
    public AlertmanagerAlerts(Vertx vertx, URI base) {
        this.http = vertx.createHttpClient();
        this.base = base;
    }

    @Override
    public Future<List<FiringAlert>> firing() {
        RequestOptions options =
                new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setAbsoluteURI(
                                base.resolve(
                                                "/api/v2/alerts?active=true&silenced=false&inhibited=false")
                                        .toString())
                        .setConnectTimeout(TIMEOUT_MILLIS)
                        .setIdleTimeout(TIMEOUT_MILLIS)
                        .putHeader("Accept", "application/json");
        return http.request(options)
                .compose(request -> request.send())
                .compose(
                        response ->
                                response.body()
                                        .map(
                                                body -> {
                                                    if (response.statusCode() != 200) {
                                                        throw new IllegalStateException(
                                                                "answered "
                                                                        + response.statusCode());
                                                    }
                                                    return parse(new JsonArray(body));
                                                }));
    }

    @Override
    public String describe() {
        return "Alertmanager at " + base;
    }

    /** The firing alerts of an API answer, oldest first. */
    static List<FiringAlert> parse(JsonArray alerts) {
        List<FiringAlert> firing = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            JsonObject alert = alerts.getJsonObject(i);
            JsonObject labels = alert.getJsonObject("labels", new JsonObject());
            JsonObject annotations = alert.getJsonObject("annotations", new JsonObject());
            String state = alert.getJsonObject("status", new JsonObject()).getString("state", "");
            if (!state.isEmpty() && !state.equals("active")) {
                continue;
            }
            firing.add(
                    new FiringAlert(
                            labels.getString("alertname", "(no alertname)"),
                            labels.getString("severity", ""),
                            Instant.parse(alert.getString("startsAt")),
                            alert.getString("fingerprint", ""),
                            annotations.getString("runbook_url", "")));
        }
        firing.sort(Comparator.comparing(FiringAlert::startsAt));
        return firing;
    }
}
