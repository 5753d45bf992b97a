package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Objects;

/**
 * A generic JSON webhook for home-grown pagers: one object per event, {@code
 * {"event":"trigger|acknowledge|resolve","dedup_key":...}} plus the page's fields on trigger.
 */
public final class JsonWebhookChannel implements PageChannel {

    private final URI url;

    /** A channel posting to the URL. */
    public JsonWebhookChannel(URI url) {
        this.url = Objects.requireNonNull(url, "url");
    }

    @Override
    public Delivery trigger(PageMessage message) {
        ObjectNode body =
                event("trigger", message.dedupKey())
                        .put("severity", message.severity().label())
                        .put("alert", message.alertName())
                        .put("host", message.host())
                        .put("summary", message.summary())
                        .put("incident_url", message.incidentUrl().toString())
                        .put("dashboard_url", message.dashboardUrl().toString())
                        .put("runbook_url", message.runbookUrl().toString());
        return HttpJson.post(url, body.toString());
    }

    @Override
    public Delivery acknowledge(String dedupKey) {
        return HttpJson.post(url, event("acknowledge", dedupKey).toString());
    }

    @Override
    public Delivery resolve(String dedupKey) {
        return HttpJson.post(url, event("resolve", dedupKey).toString());
    }

    @Override
    public String describe() {
        return "JSON webhook at " + url.getHost() + ":" + url.getPort();
    }

    private static ObjectNode event(String event, String dedupKey) {
        return JsonNodeFactory.instance.objectNode().put("event", event).put("dedup_key", dedupKey);
    }
}
