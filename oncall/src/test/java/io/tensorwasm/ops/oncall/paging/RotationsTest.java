package io.tensorwasm.ops.oncall.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.oncall.incident.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RotationsTest {

    private static final Path SOURCE = Path.of("rotations.yml");

    @TempDir Path dir;

    @Test
    void readsTiersMaintainersAndSecretsFromTheirFiles() throws Exception {
        Path key = Files.writeString(dir.resolve("pd.key"), "R0UT1NG\n");
        Rotations rotations =
                Rotations.parse(
                        """
                ack_timeout: 3m
                primary: {person: Ana Ortiz, channel: pagerduty, url: "http://pd/v2/enqueue", key_file: %s}
                secondary: {person: Bo Lind, channel: slack, url: "http://slack/hook"}
                maintainers:
                  addresses: [maintainers@example.org, lead@example.org]
                  channel: webhook
                  url: http://mail/hook
                """
                                .formatted(key),
                        SOURCE);
        assertThat(rotations.ackTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(rotations.responder(Tier.PRIMARY))
                .get()
                .extracting(Rotations.Responder::person)
                .isEqualTo("Ana Ortiz");
        assertThat(rotations.responder(Tier.PRIMARY).orElseThrow().channel())
                .isInstanceOf(PagerDutyChannel.class);
        assertThat(rotations.responder(Tier.LEAD)).isEmpty();
        assertThat(rotations.maintainers().addresses())
                .containsExactly("maintainers@example.org", "lead@example.org");
    }

    @Test
    void defaultsToTheSeedsFiveMinutes() {
        assertThat(
                        Rotations.parse(
                                        "primary: {person: A, channel: webhook, url: http://x}",
                                        SOURCE)
                                .ackTimeout())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void namesTheKeyThatIsWrong() {
        assertThatThrownBy(
                        () -> Rotations.parse("secondary: {channel: slack, url: http://x}", SOURCE))
                .hasMessage("rotations.yml: secondary.person is missing");
        assertThatThrownBy(
                        () ->
                                Rotations.parse(
                                        "lead: {person: C, channel: pigeon, url: http://x}",
                                        SOURCE))
                .hasMessage(
                        "rotations.yml: lead.channel: pigeon is not a channel; channels are"
                                + " pagerduty, slack, webhook");
        assertThatThrownBy(() -> Rotations.parse("ack_timeout: soon", SOURCE))
                .hasMessage(
                        "rotations.yml: ack_timeout: soon is not a duration like 30s, 5m or 1h");
        assertThatThrownBy(() -> Rotations.parse("- a list", SOURCE))
                .hasMessage("rotations.yml: a rotation file is a YAML mapping");
    }

    @Test
    void parsesSeveritiesAndKnowsWhichPage() {
        assertThat(Severity.parse("sev-1")).isEqualTo(Severity.SEV_1);
        assertThat(Severity.SEV_3.pages()).isFalse();
        assertThat(Severity.DEFAULT).isEqualTo(Severity.SEV_2);
        assertThatThrownBy(() -> Severity.parse("critical"))
                .hasMessage("critical: unknown severity; severities are sev-1, sev-2, sev-3");
    }
}
