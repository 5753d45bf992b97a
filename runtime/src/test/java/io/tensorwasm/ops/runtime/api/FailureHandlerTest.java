package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.function.FunctionException;
import io.tensorwasm.ops.runtime.function.FunctionTimeoutException;
import io.tensorwasm.ops.runtime.function.FunctionTrapException;
import io.tensorwasm.ops.runtime.function.UnknownFunctionException;
import io.tensorwasm.ops.runtime.store.StoreException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailureHandlerTest {

    @Test
    void mapsEachCategoryToItsStatusAndCode() {
        assertThat(FailureHandler.rowFor(new UnknownFunctionException("x")))
                .extracting(FailureHandler.Row::status, FailureHandler.Row::code)
                .containsExactly(404, "function_not_found");
        assertThat(FailureHandler.rowFor(new FunctionTrapException("x")).status()).isEqualTo(422);
        assertThat(FailureHandler.rowFor(new FunctionTimeoutException("x")).status())
                .isEqualTo(504);
        assertThat(FailureHandler.rowFor(new RateLimitedException("x", 1)).status()).isEqualTo(429);
    }

    @Test
    void looksThroughCompletionExceptions() {
        assertThat(
                        FailureHandler.errorObject(
                                        new CompletionException(
                                                new FunctionTrapException("t.run: trapped")))
                                .encode())
                .isEqualTo("{\"code\":\"trap\",\"message\":\"t.run: trapped\"}");
    }

    @Test
    void hidesTheDetailsOfInternalFailures() {
        StoreException failure =
                new StoreException("cannot read functions", new SQLException("password=hunter2"));
        assertThat(FailureHandler.rowFor(failure).status()).isEqualTo(500);
        assertThat(FailureHandler.errorObject(failure).encode())
                .isEqualTo(
                        "{\"code\":\"internal\",\"message\":\"internal error; see the server log\"}");
        assertThat(FailureHandler.rowFor(new FunctionException("plain")).status()).isEqualTo(500);
    }

    @Test
    void everyCodeIsSnakeCase() {
        assertThat(FailureHandler.TABLE)
                .allSatisfy(row -> assertThat(row.code()).matches("[a-z]+(_[a-z]+)*"));
    }
}
