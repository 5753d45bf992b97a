package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void mapsEachTokenToItsTenant() {
        ApiTokens tokens = ApiTokens.parse("s3cret-admin:tenant=*, s3cret-seven:tenant=7");
        assertThat(tokens.devMode()).isFalse();
        assertThat(tokens.tenantOf("s3cret-admin")).contains("*");
        assertThat(tokens.tenantOf("s3cret-seven")).contains("7");
        assertThat(tokens.tenantOf("s3cret")).isEmpty();
        assertThat(tokens.tenantOf("")).isEmpty();
    }

    @Test
    void emptyValueIsDevMode() {
        assertThat(ApiTokens.parse("").devMode()).isTrue();
        assertThat(ApiTokens.parse("  ").devMode()).isTrue();
    }

    @Test
    void rejectsBareTokenWithoutNamingIt() {
        assertThatThrownBy(() -> ApiTokens.parse("a:tenant=1,hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "entry 2 of TENSOR_WASM_API_TOKENS: no token:tenant=ID form; write"
                                + " TOKEN:tenant=ID, or TOKEN:tenant=* for an admin")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void rejectsTenantWithSpaces() {
        assertThatThrownBy(() -> ApiTokens.parse("tok:tenant=a b"))
                .hasMessage(
                        "\"a b\": entry 1 of TENSOR_WASM_API_TOKENS needs a tenant of letters,"
                                + " digits, '.', '_' or '-', or *");
    }
}
