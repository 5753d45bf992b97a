package io.tensorwasm.ops.web.paging;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.Objects;

/**
 * A Slack-compatible incoming webhook: one message with a {@code text} fallback and a {@code
 * blocks} layout, and a short follow-up message on acknowledgement and resolution.
 */
public final class SlackChannel implements PageChannel {

    private final URI webhookUrl;

    /** A channel posting to the webhook URL, which is a secret and is never shown. */
    public SlackChannel(URI webhookUrl) {
        this.webhookUrl = Objects.requireNonNull(webhookUrl, "webhookUrl");
    }

    @Override
    public Delivery trigger(PageMessage message) {
        String links =
                "<"
                        + message.runbookUrl()
                        + "|Runbook> · <"
                        + message.dashboardUrl()
                        + "|Dashboard> · <"
                        + message.incidentUrl()
                        + "|Incident>";
        JsonObject body =
                new JsonObject()
                        .put("text", message.headline() + " Runbook: " + message.runbookUrl())
                        .put(
                                "blocks",
                                new JsonArray()
                                        .add(section("*" + escape(message.headline()) + "*"))
                                        .add(section(links)));
        return HttpJson.post(webhookUrl, body.encode());
    }

    @Override
    public Delivery acknowledge(String dedupKey) {
        return HttpJson.post(
                webhookUrl, new JsonObject().put("text", "Acknowledged: " + dedupKey).encode());
    }

    @Override
    public Delivery resolve(String dedupKey) {
        return HttpJson.post(
                webhookUrl, new JsonObject().put("text", "Resolved: " + dedupKey).encode());
    }

    @Override
    public String describe() {
        return "Slack-compatible incoming webhook at " + webhookUrl.getHost();
    }

    private static JsonObject section(String markdown) {
        return new JsonObject()
                .put("type", "section")
                .put("text", new JsonObject().put("type", "mrkdwn").put("text", markdown));
    }

    /** Slack's three control characters in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
