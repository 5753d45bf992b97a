package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
        ObjectNode body =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("text", message.headline() + " Runbook: " + message.runbookUrl())
                        .set(
                                "blocks",
                                JsonNodeFactory.instance
                                        .arrayNode()
                                        .add(section("*" + escape(message.headline()) + "*"))
                                        .add(section(links)));
        return HttpJson.post(webhookUrl, body.toString());
    }

    @Override
    public Delivery acknowledge(String dedupKey) {
        return HttpJson.post(
                webhookUrl,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("text", "Acknowledged: " + dedupKey)
                        .toString());
    }

    @Override
    public Delivery resolve(String dedupKey) {
        return HttpJson.post(
                webhookUrl,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("text", "Resolved: " + dedupKey)
                        .toString());
    }

    @Override
    public String describe() {
        return "Slack-compatible incoming webhook at " + webhookUrl.getHost();
    }

    private static ObjectNode section(String markdown) {
        return JsonNodeFactory.instance
                .objectNode()
                .put("type", "section")
                .set(
                        "text",
                        JsonNodeFactory.instance
                                .objectNode()
                                .put("type", "mrkdwn")
                                .put("text", markdown));
    }

    /** Slack's three control characters in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
