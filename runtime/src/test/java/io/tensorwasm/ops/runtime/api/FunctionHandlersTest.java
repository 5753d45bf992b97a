package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invoke answer written by hand for whole numbers (issue #22) reads as the codec writes it. */
class FunctionHandlersTest {

    @Test
    void writesWholeNumbersAsTheirDigits() {
        assertThat(FunctionHandlers.resultJson(List.of(5))).isEqualTo("{\"result\":[5]}");
        assertThat(FunctionHandlers.resultJson(List.of(-9_000_000_000L, 0, -1)))
                .isEqualTo("{\"result\":[-9000000000,0,-1]}");
        assertThat(FunctionHandlers.resultJson(List.of())).isEqualTo("{\"result\":[]}");
    }

    @Test
    void writesWhatTheCodecWritesForEveryList() {
        for (List<Number> values :
                List.<List<Number>>of(
                        List.of(5),
                        List.of(Integer.MIN_VALUE, Long.MAX_VALUE),
                        List.of(6.0),
                        List.of(1.5f, 2),
                        List.of(Double.MIN_VALUE, -0.0))) {
            assertThat(FunctionHandlers.resultJson(values))
                    .as("%s", values)
                    .isEqualTo(new JsonObject().put("result", new JsonArray(values)).encode());
        }
    }
}
