package io.tensorwasm.ops.oncall.paging;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.testkit.HttpRecorder;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The paging channels against local endpoints that answer as the vendors do. */
class PageChannelsIT {

    /** What PagerDuty's Events API answers to an event it accepted. */
    private static final String PAGERDUTY_ACCEPTED =
            "{\"status\":\"success\",\"message\":\"Event processed\"}";

    private final PageMessage page =
            new PageMessage(
                    "fp1@2026-11-25T03:00:00Z",
                    Severity.SEV_1,
                    "TensorWasmAvailabilityFastBurn",
                    "rt-1:8080",
                    "invokes failing",
                    URI.create("http://console/incidents/7"),
                    URI.create("http://grafana/d/x?viewPanel=7"),
                    URI.create("http://console/runbooks/availability-fast-burn"));

    @Test
    void pagerDutyTriggersAcknowledgesAndResolvesOnOneDedupKey() {
        try (HttpRecorder pd = HttpRecorder.answering(202, PAGERDUTY_ACCEPTED)) {
            PagerDutyChannel channel = new PagerDutyChannel(pd.url("/v2/enqueue"), "R0UT1NGKEY");
            assertThat(channel.trigger(page).accepted()).isTrue();
            assertThat(channel.acknowledge(page.dedupKey()).accepted()).isTrue();
            assertThat(channel.resolve(page.dedupKey()).detail()).startsWith("202 ");
            assertThat(pd.requests())
                    .extracting(HttpRecorder.Request::path)
                    .containsOnly("/v2/enqueue");
            assertThat(pd.bodies().get(0))
                    .isEqualTo(
                            "{\"routing_key\":\"R0UT1NGKEY\","
                                    + "\"event_action\":\"trigger\",\"dedup_key\":\"fp1@2026-11-25T03:00:00Z\","
                                    + "\"payload\":{\"summary\":\"[sev-1] TensorWasmAvailabilityFastBurn on"
                                    + " rt-1:8080: invokes failing\",\"source\":\"rt-1:8080\","
                                    + "\"severity\":\"critical\",\"component\":\"tensor-wasm\","
                                    + "\"class\":\"TensorWasmAvailabilityFastBurn\",\"custom_details\":{"
                                    + "\"incident\":\"http://console/incidents/7\","
                                    + "\"runbook\":\"http://console/runbooks/availability-fast-burn\","
                                    + "\"dashboard\":\"http://grafana/d/x?viewPanel=7\"}},"
                                    + "\"client\":\"TensorWasm Ops\",\"client_url\":\"http://console/incidents/7\","
                                    + "\"links\":[{\"href\":\"http://console/runbooks/availability-fast-burn\","
                                    + "\"text\":\"Runbook\"},{\"href\":\"http://grafana/d/x?viewPanel=7\","
                                    + "\"text\":\"Dashboard\"},{\"href\":\"http://console/incidents/7\","
                                    + "\"text\":\"Incident\"}]}");
            assertThat(pd.bodies().get(1))
                    .isEqualTo(
                            "{\"routing_key\":\"R0UT1NGKEY\","
                                    + "\"event_action\":\"acknowledge\",\"dedup_key\":\"fp1@2026-11-25T03:00:00Z\"}");
            assertThat(pd.bodies().get(2))
                    .isEqualTo(
                            "{\"routing_key\":\"R0UT1NGKEY\","
                                    + "\"event_action\":\"resolve\",\"dedup_key\":\"fp1@2026-11-25T03:00:00Z\"}");
            assertThat(channel.describe()).doesNotContain("R0UT1NGKEY");
        }
    }

    @Test
    void slackGetsTextAndBlocksWithTheThreeLinksAndAnAcknowledgeButton() {
        try (HttpRecorder slack = HttpRecorder.answering(200, "ok")) {
            SlackChannel channel = new SlackChannel(slack.url("/services/T0/B0/secret"));
            assertThat(channel.trigger(page).detail()).isEqualTo("200 ok");
            assertThat(slack.bodies().get(0))
                    .isEqualTo(
                            "{\"text\":\"[sev-1]"
                                    + " TensorWasmAvailabilityFastBurn on rt-1:8080: invokes failing Runbook:"
                                    + " http://console/runbooks/availability-fast-burn\",\"blocks\":["
                                    + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"*[sev-1]"
                                    + " TensorWasmAvailabilityFastBurn on rt-1:8080: invokes failing*\"}},"
                                    + "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":"
                                    + "\"<http://console/runbooks/availability-fast-burn|Runbook> ·"
                                    + " <http://grafana/d/x?viewPanel=7|Dashboard> ·"
                                    + " <http://console/incidents/7|Incident>\"}},"
                                    + "{\"type\":\"actions\",\"elements\":[{\"type\":\"button\","
                                    + "\"action_id\":\"twops_acknowledge\",\"value\":\"incident:7\","
                                    + "\"style\":\"primary\",\"text\":{\"type\":\"plain_text\","
                                    + "\"text\":\"Acknowledge\"}}]}]}");
            assertThat(channel.describe()).doesNotContain("secret");
        }
    }

    @Test
    void slackApprovalRequestsNameTheExecutionAndQuestionOnBothButtons() {
        try (HttpRecorder slack = HttpRecorder.answering(200, "ok")) {
            SlackChannel channel = new SlackChannel(slack.url("/services/T0/B0/secret"));
            assertThat(
                            channel.requestApproval(
                                            12,
                                            3,
                                            "step 4 of execution 12: target restart",
                                            URI.create("http://console/executions/12"))
                                    .accepted())
                    .isTrue();
            assertThat(slack.bodies().get(0))
                    .contains("\"text\":\"Approval needed: step 4 of execution 12: target restart")
                    .contains(
                            "{\"type\":\"button\",\"action_id\":\"twops_approve\","
                                    + "\"value\":\"execution:12:question:3\",\"style\":\"primary\"")
                    .contains(
                            "{\"type\":\"button\",\"action_id\":\"twops_reject\","
                                    + "\"value\":\"execution:12:question:3\",\"style\":\"danger\"");
        }
    }

    @Test
    void genericWebhookGetsOneFlatObjectPerEvent() {
        try (HttpRecorder hook = HttpRecorder.answering(200, "{}")) {
            JsonWebhookChannel channel = new JsonWebhookChannel(hook.url("/page"));
            channel.trigger(page);
            channel.resolve(page.dedupKey());
            assertThat(hook.bodies())
                    .containsExactly(
                            "{\"event\":\"trigger\",\"dedup_key\":\"fp1@2026-11-25T03:00:00Z\","
                                    + "\"severity\":\"sev-1\",\"alert\":\"TensorWasmAvailabilityFastBurn\","
                                    + "\"host\":\"rt-1:8080\",\"summary\":\"invokes failing\","
                                    + "\"incident_url\":\"http://console/incidents/7\","
                                    + "\"dashboard_url\":\"http://grafana/d/x?viewPanel=7\","
                                    + "\"runbook_url\":\"http://console/runbooks/availability-fast-burn\"}",
                            "{\"event\":\"resolve\",\"dedup_key\":\"fp1@2026-11-25T03:00:00Z\"}");
        }
    }

    @Test
    void aRefusedDeliverySaysSo() {
        try (HttpRecorder pd = HttpRecorder.answering(202, PAGERDUTY_ACCEPTED)) {
            pd.answer(400, "{\"status\":\"invalid event\"}");
            PageChannel.Delivery delivery =
                    new PagerDutyChannel(pd.url("/v2/enqueue"), "k").trigger(page);
            assertThat(delivery.accepted()).isFalse();
            assertThat(delivery.detail()).isEqualTo("400 {\"status\":\"invalid event\"}");
        }
    }
}
