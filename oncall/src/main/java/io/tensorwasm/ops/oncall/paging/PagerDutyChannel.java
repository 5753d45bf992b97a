package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.incident.Severity;
import java.net.URI;
import java.util.Objects;

/**
 * PagerDuty Events API v2: {@code trigger}, {@code acknowledge} and {@code resolve} events on one
 * {@code dedup_key}, posted to the events endpoint with the service's routing key.
 *
 * <pre>{@code
 * PageChannel pd = new PagerDutyChannel(URI.create("https://events.example/v2/enqueue"), key);
 * }</pre>
 */
public final class PagerDutyChannel implements PageChannel {

    private final URI eventsUrl;
    private final String routingKey;

    /** A channel for one PagerDuty service; the routing key is a secret and is never shown. */
    public PagerDutyChannel(URI eventsUrl, String routingKey) {
        this.eventsUrl = Objects.requireNonNull(eventsUrl, "eventsUrl");
        if (routingKey == null || routingKey.isBlank()) {
            throw new IllegalArgumentException("a PagerDuty channel needs a routing key");
        }
        this.routingKey = routingKey.strip();
    }

    @Override
    public Delivery trigger(PageMessage message) {
        ObjectNode payload =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("summary", Texts.clip(message.headline(), 1024))
                        .put("source", message.host())
                        .put("severity", severity(message.severity()))
                        .put("component", "tensor-wasm")
                        .put("class", message.alertName())
                        .set(
                                "custom_details",
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("incident", message.incidentUrl().toString())
                                        .put("runbook", message.runbookUrl().toString())
                                        .put("dashboard", message.dashboardUrl().toString()));
        ObjectNode event =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("routing_key", routingKey)
                        .put("event_action", "trigger")
                        .put("dedup_key", message.dedupKey())
                        .<ObjectNode>set("payload", payload)
                        .put("client", "TensorWasm Ops")
                        .put("client_url", message.incidentUrl().toString())
                        .set(
                                "links",
                                JsonNodeFactory.instance
                                        .arrayNode()
                                        .add(link(message.runbookUrl(), "Runbook"))
                                        .add(link(message.dashboardUrl(), "Dashboard"))
                                        .add(link(message.incidentUrl(), "Incident")));
        return HttpJson.post(eventsUrl, event.toString());
    }

    @Override
    public Delivery acknowledge(String dedupKey) {
        return HttpJson.post(eventsUrl, action("acknowledge", dedupKey).toString());
    }

    @Override
    public Delivery resolve(String dedupKey) {
        return HttpJson.post(eventsUrl, action("resolve", dedupKey).toString());
    }

    @Override
    public String describe() {
        return "PagerDuty Events API v2 at " + eventsUrl.getHost();
    }

    /** The Events API severities: sev-1 critical, sev-2 error, sev-3 warning. */
    static String severity(Severity severity) {
        return switch (severity) {
            case SEV_1 -> "critical";
            case SEV_2 -> "error";
            case SEV_3 -> "warning";
        };
    }

    private ObjectNode action(String action, String dedupKey) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("routing_key", routingKey)
                .put("event_action", action)
                .put("dedup_key", dedupKey);
    }

    private static ObjectNode link(URI href, String text) {
        return JsonNodeFactory.instance.objectNode().put("href", href.toString()).put("text", text);
    }
}
