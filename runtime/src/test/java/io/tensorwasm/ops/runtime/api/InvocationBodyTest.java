package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InvocationBodyTest {

    /** The streaming read of the common shape finds what decoding the body as a JsonObject does. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"export\":\"add\",\"args\":[2,3]}",
                "{\"args\":[2,3],\"export\":\"add\"}",
                " { \"export\" : \"add\" , \"args\" : [ -2147483648 , 4294967295 ] } ",
                "{\"args\":[9223372036854775807, 9223372036854775808, 1.5, 1e3, -0.0]}",
                "{\"export\":\"run\",\"args\":[],\"timeout_ms\":250}",
                "{\"export\":\"run\",\"timeout_ms\":2.5}",
                "{\"export\":\"a\",\"export\":\"b\",\"args\":[1],\"args\":[2]}",
                "{\"export\":\"\\u0061dd\",\"ignored\":{\"nested\":[1,{\"x\":null}]},\"args\":[7]}",
                "{}"
            })
    void readsTheCommonShapeAsTheJsonObjectDecodingDoes(String body) {
        InvocationBody streamed = InvocationBody.streamed(body.getBytes(StandardCharsets.UTF_8));

        assertThat(streamed).as("streamed read of %s", body).isNotNull();
        assertThat(streamed).isEqualTo(InvocationBody.decoded(Buffer.buffer(body)));
        assertThat(InvocationBody.of(Buffer.buffer(body))).isEqualTo(streamed);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"export\":\"add\",\"args\":[2,\"3\"]}",
                "{\"export\":\"add\",\"args\":[[2],3]}",
                "{\"export\":\"add\",\"args\":[true]}",
                "{\"export\":null,\"args\":[1]}",
                "{\"export\":\"add\",\"timeout_ms\":\"5\"}"
            })
    void leavesAnyOtherShapeToTheDecodingThatChecksIt(String body) {
        assertThat(InvocationBody.streamed(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void keepsJacksonsNumberTypesSoTheArgumentChecksSeeTheSameValues() {
        InvocationBody body =
                InvocationBody.of(
                        Buffer.buffer("{\"args\":[5, 5000000000, 1e30, 99999999999999999999]}"));

        assertThat(List.<Object>copyOf(body.args()))
                .containsExactly(5, 5_000_000_000L, 1e30, new BigInteger("99999999999999999999"));
    }

    @Test
    void anEmptyBodyCallsTheOnlyExportWithNoArguments() {
        assertThat(InvocationBody.of(Buffer.buffer()))
                .isEqualTo(new InvocationBody(null, List.of(), null));
        assertThat(InvocationBody.of(null).invocation().args()).isEmpty();
    }

    @Test
    void saysWhatIsWrongWithABodyOfAnotherShape() {
        Map<String, String> wrong =
                Map.of(
                        "{\"export\":7}", "7: \"export\" must be a string",
                        "{\"args\":5}", "5: \"args\" must be an array of numbers",
                        "{\"args\":[1,null]}", "[1,null]: \"args\" must be an array of numbers",
                        "null", "empty body: send a JSON object");
        wrong.forEach(
                (body, message) ->
                        assertThatThrownBy(() -> InvocationBody.of(Buffer.buffer(body)))
                                .as(body)
                                .isInstanceOf(BadRequestException.class)
                                .hasMessage(message));
        for (String notAnObject :
                List.of("[1,2]", "\"add\"", "{\"export\":\"add\"", "{} {}", "{]")) {
            assertThatThrownBy(() -> InvocationBody.of(Buffer.buffer(notAnObject)))
                    .as(notAnObject)
                    .isInstanceOf(BadRequestException.class)
                    .hasMessage("request body: not a JSON object");
        }
    }

    @Test
    void aStringArgumentReachesTheArgumentChecksAsItIs() {
        assertThat(
                        List.<Object>copyOf(
                                InvocationBody.of(Buffer.buffer("{\"args\":[1,\"x\"]}")).args()))
                .containsExactly(1, "x");
    }
}
