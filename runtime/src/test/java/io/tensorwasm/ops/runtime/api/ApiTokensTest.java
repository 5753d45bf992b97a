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
    void readsABareTokenAsAnAdminAndWarnsWithTheFixWithoutNamingIt() {
        ApiTokens tokens = ApiTokens.parse("a:tenant=1,hunter2");

        assertThat(tokens.tenantOf("hunter2")).contains("*");
        assertThat(tokens.tenantOf("a")).contains("1");
        assertThat(tokens.warnings())
                .containsExactly(
                        "entry 2 of TENSOR_WASM_API_TOKENS is a bare token, read as an admin of"
                                + " every tenant (TOKEN:tenant=*); write TOKEN:tenant=ID to scope"
                                + " it to one tenant, or TOKEN:tenant=* to keep it an admin");
        assertThat(tokens.warnings().get(0)).doesNotContain("hunter2");
        assertThat(ApiTokens.parse("a:tenant=1,b:tenant=*").warnings()).isEmpty();
    }

    @Test
    void rejectsAnEmptyEntryWithoutNamingTheOthers() {
        assertThatThrownBy(() -> ApiTokens.parse("hunter2:tenant=1,,"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "entry 2 of TENSOR_WASM_API_TOKENS: no token; write TOKEN:tenant=ID, or"
                                + " TOKEN:tenant=* for an admin, separated by commas")
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
