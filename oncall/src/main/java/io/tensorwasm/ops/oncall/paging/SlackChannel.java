package io.tensorwasm.ops.oncall.paging;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack-compatible incoming webhook: one message with a {@code text} fallback and a {@code
 * blocks} layout, and a short follow-up message on acknowledgement and resolution. A page carries
 * an Acknowledge button, and an approval request Approve and Reject buttons (Block Kit {@code
 * actions}); Slack posts the clicks to the console's {@code /hooks/slack/interactions} (issue #20).
 */
public final class SlackChannel implements PageChannel {

    /** The {@code action_id} of the Acknowledge button; its value is {@code incident:ID}. */
    public static final String ACKNOWLEDGE = "twops_acknowledge";

    /** The {@code action_id} of Approve; its value is {@code execution:ID:question:N}. */
    public static final String APPROVE = "twops_approve";

    /** The {@code action_id} of Reject; its value is as Approve's. */
    public static final String REJECT = "twops_reject";

    private static final Pattern INCIDENT = Pattern.compile("/incidents/(\\d+)$");

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
        ArrayNode blocks =
                JsonNodeFactory.instance
                        .arrayNode()
                        .add(section("*" + escape(message.headline()) + "*"))
                        .add(section(links));
        incidentId(message)
                .ifPresent(
                        id ->
                                blocks.add(
                                        actions(
                                                button(
                                                        ACKNOWLEDGE,
                                                        "Acknowledge",
                                                        "incident:" + id,
                                                        "primary"))));
        ObjectNode body =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("text", message.headline() + " Runbook: " + message.runbookUrl());
        body.set("blocks", blocks);
        return HttpJson.post(webhookUrl, body.toString());
    }

    /**
     * Asks for an approval: what the run waits on, a link to it, and Approve and Reject buttons
     * naming the execution and the question, so a late click cannot answer the next one.
     */
    public Delivery requestApproval(
            long executionId, long question, String text, URI executionUrl) {
        String value = "execution:" + executionId + ":question:" + question;
        ObjectNode body =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("text", "Approval needed: " + text + " " + executionUrl);
        body.set(
                "blocks",
                JsonNodeFactory.instance
                        .arrayNode()
                        .add(section("*Approval needed*: " + escape(text)))
                        .add(section("<" + executionUrl + "|Execution " + executionId + ">"))
                        .add(
                                actions(
                                        button(APPROVE, "Approve", value, "primary"),
                                        button(REJECT, "Reject", value, "danger"))));
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

    private static ObjectNode actions(ObjectNode... buttons) {
        ArrayNode elements = JsonNodeFactory.instance.arrayNode();
        for (ObjectNode b : buttons) {
            elements.add(b);
        }
        ObjectNode actions = JsonNodeFactory.instance.objectNode().put("type", "actions");
        actions.set("elements", elements);
        return actions;
    }

    private static ObjectNode button(String actionId, String label, String value, String style) {
        ObjectNode button =
                JsonNodeFactory.instance
                        .objectNode()
                        .put("type", "button")
                        .put("action_id", actionId)
                        .put("value", value)
                        .put("style", style);
        button.set(
                "text",
                JsonNodeFactory.instance.objectNode().put("type", "plain_text").put("text", label));
        return button;
    }

    /** The incident's number, read from the link the page carries to it. */
    static Optional<Long> incidentId(PageMessage message) {
        Matcher m = INCIDENT.matcher(message.incidentUrl().getPath());
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** Slack's three control characters in message text. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
