package io.tensorwasm.ops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HarnessTest {

    @Test
    void servesRoutesOnAFreeLoopbackPort() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        Harness.serve(
                vertx -> request -> request.response().end("pong " + request.path()),
                (port, client) -> {
                    seen.set(port);
                    HttpResponse<String> response = client.get("/ping");
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).isEqualTo("pong /ping");
                });
        assertThat(seen.get()).isPositive();
    }

    @Test
    void closesTheServerWhenTheBodyFails() throws Exception {
        AtomicInteger port = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                Harness.serve(
                                        vertx -> request -> request.response().end(),
                                        (p, client) -> {
                                            port.set(p);
                                            throw new IllegalStateException("body failed");
                                        }))
                .hasMessage("body failed");
        assertThatThrownBy(() -> HarnessClient.of(port.get()).get("/"))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void sendsTheBearerToken() throws Exception {
        Harness.serve(
                vertx ->
                        request ->
                                request.response()
                                        .end(String.valueOf(request.getHeader("Authorization"))),
                (port, client) ->
                        assertThat(client.withToken("t0k").get("/").body())
                                .isEqualTo("Bearer t0k"));
    }
}
