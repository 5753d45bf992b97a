package io.tensorwasm.ops.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void redactsBearerTokensPasswordsAndTokens() {
        assertThat(Redactor.redact("curl -H 'Authorization: Bearer abc.DEF-123' http://x"))
                .isEqualTo("curl -H 'Authorization: Bearer [redacted]' http://x");
        assertThat(Redactor.redact("jdbc:postgresql://db/x?user=ops&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/x?user=ops&password=[redacted]&ssl=true");
        assertThat(
                        Redactor.redact(
                                "TENSOR_WASM_API_TOKENS=abc:tenant=* token: xyz {\"api_key\":\"k1\"}"))
                .isEqualTo(
                        "TENSOR_WASM_API_TOKENS=[redacted] token: [redacted] {\"api_key\":\"[redacted]\"}");
        assertThat(Redactor.redact("Authorization: Basic dXNlcjpwYXNz"))
                .isEqualTo("Authorization: [redacted]");
        assertThat(Redactor.redact("status=200 ready")).isEqualTo("status=200 ready");
    }

    @Test
    void cutsLongOutputToAnExcerpt() {
        assertThat(Redactor.excerpt("x".repeat(5000))).hasSize(2000).endsWith("xx...");
        assertThat(Redactor.excerpt("x".repeat(2000))).isEqualTo("x".repeat(2000));
    }
}
