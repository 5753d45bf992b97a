package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static final String CONSOLE_TOKEN =
            "twc_01a7UXCj37jS_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-abcdefgh";

    @Test
    void redactsBearerTokensPasswordsAndTokens() {
        Redactor redactor = Redactor.patterns();
        assertThat(redactor.redact("curl -H 'Authorization: Bearer abc.DEF-123' http://x"))
                .isEqualTo("curl -H 'Authorization: Bearer [redacted]' http://x");
        assertThat(redactor.redact("jdbc:postgresql://db/x?user=ops&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=ops&password=[redacted]&ssl=true");
        assertThat(
                        redactor.redact(
                                "TENSOR_WASM_API_TOKENS=abc:tenant=* token: xyz {\"api_key\":\"k1\"}"))
                .isEqualTo(
                        "TENSOR_WASM_API_TOKENS=[redacted] token: [redacted] {\"api_key\":\"[redacted]\"}");
        assertThat(redactor.redact("Authorization: Basic dXNlcjpwYXNz"))
                .isEqualTo("Authorization: [redacted]");
        assertThat(redactor.redact("status=200 ready")).isEqualTo("status=200 ready");
    }

    @Test
    void redactsConsoleTokensByTheirShape() {
        assertThat(Redactor.patterns().redact("signed in with " + CONSOLE_TOKEN + ", then left"))
                .isEqualTo("signed in with [redacted], then left");
        assertThat(Redactor.patterns().redact("twc_ alone and twc_x_y stay"))
                .isEqualTo("twc_ alone and twc_x_y stay");
    }

    @Test
    void redactsKnownSecretsByValueAlsoWhereAClipCutThem() {
        Redactor redactor = Redactor.of(List.of("Zq9x8Hh2kLm3", "", "Zq9x8Hh2kLm3"));

        assertThat(redactor.redact("held=Zq9x8Hh2kLm3 and Zq9x8Hh2kLm3."))
                .isEqualTo("held=[redacted] and [redacted].");
        assertThat(redactor.redact("status=\"xxxZq9x8H...")).isEqualTo("status=\"xxx[redacted]...");
        assertThat(redactor.redact("Zq9... is a stub")).isEqualTo("Zq9... is a stub");
    }

    @Test
    void redactsStepValuesAllTheWayDown() {
        Redactor redactor = Redactor.of(List.of("Zq9x8Hh2kLm3"));

        assertThat(
                        redactor.redact(
                                Map.of(
                                        "body",
                                        Map.of(
                                                "id", "fn-1",
                                                "token", "abc",
                                                "rows", List.of("Zq9x8Hh2kLm3", 7L)),
                                        "status",
                                        200L)))
                .isEqualTo(
                        Map.of(
                                "body",
                                Map.of(
                                        "id", "fn-1",
                                        "token", "[redacted]",
                                        "rows", List.of("[redacted]", 7L)),
                                "status",
                                200L));
    }

    @Test
    void cutsLongOutputToAnExcerpt() {
        assertThat(Redactor.patterns().excerpt("x".repeat(5000))).hasSize(2000).endsWith("xx...");
        assertThat(Redactor.patterns().excerpt("x".repeat(2000))).isEqualTo("x".repeat(2000));
    }
}
