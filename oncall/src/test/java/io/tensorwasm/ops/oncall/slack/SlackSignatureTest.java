package io.tensorwasm.ops.oncall.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slack's v0 request signature, against the example Slack publishes for it. */
class SlackSignatureTest {

    // Slack's documented example ("Verifying requests from Slack"): secret, timestamp, the raw body
    // of a slash command, and the signature Slack sent with it.
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final String TIMESTAMP = "1531420618";
    static final String BODY =
            "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
                    + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA"
                    + "&user_name=roadrunner&command=%2Fwebhook-collect&text="
                    + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
                    + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                    + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    static final String SIGNATURE =
            "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    private final SlackSignature slack = new SlackSignature(SECRET);
    private final Instant sent = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reproducesSlacksPublishedExample() {
        assertThat(slack.sign(TIMESTAMP, body(BODY))).isEqualTo(SIGNATURE);
        assertThat(slack.check(TIMESTAMP, SIGNATURE, body(BODY), sent.plusSeconds(30)))
                .isEqualTo(SlackSignature.Check.VALID);
    }

    @Test
    void refusesTheExampleReplayedMoreThanFiveMinutesLater() {
        assertThat(slack.check(TIMESTAMP, SIGNATURE, body(BODY), sent.plusSeconds(301)))
                .isEqualTo(SlackSignature.Check.STALE);
        assertThat(slack.check(TIMESTAMP, SIGNATURE, body(BODY), sent.minusSeconds(301)))
                .isEqualTo(SlackSignature.Check.STALE);
    }

    @Test
    void refusesATamperedBodyOrSignature() {
        assertThat(slack.check(TIMESTAMP, SIGNATURE, body(BODY + "&x=1"), sent))
                .isEqualTo(SlackSignature.Check.MISMATCH);
        assertThat(slack.check(TIMESTAMP, SIGNATURE.replace('a', 'b'), body(BODY), sent))
                .isEqualTo(SlackSignature.Check.MISMATCH);
        assertThat(
                        new SlackSignature("another secret")
                                .check(TIMESTAMP, SIGNATURE, body(BODY), sent))
                .isEqualTo(SlackSignature.Check.MISMATCH);
    }

    @Test
    void refusesARequestWithoutItsHeaders() {
        assertThat(slack.check(null, SIGNATURE, body(BODY), sent))
                .isEqualTo(SlackSignature.Check.MISSING);
        assertThat(slack.check(TIMESTAMP, null, body(BODY), sent))
                .isEqualTo(SlackSignature.Check.MISSING);
        assertThat(slack.check("soon", SIGNATURE, body(BODY), sent))
                .isEqualTo(SlackSignature.Check.MISSING);
    }
}
