package io.tensorwasm.ops.oncall.paging;

import io.tensorwasm.ops.engine.model.Texts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs JSON for the channels and turns the answer into a {@link PageChannel.Delivery}. */
final class HttpJson {

    // HTTP/1.1: a pager gateway on plain http is not offered an h2c upgrade it may mishandle.
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();

    private HttpJson() {}

    static PageChannel.Delivery post(URI url, String json) {
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build();
        try {
            HttpResponse<String> response =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body() == null ? "" : response.body().strip();
            String excerpt = Texts.clip(body, 200);
            return new PageChannel.Delivery(
                    response.statusCode() / 100 == 2, response.statusCode() + " " + excerpt);
        } catch (IOException e) {
            return new PageChannel.Delivery(false, "not delivered: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PageChannel.Delivery(false, "not delivered: interrupted");
        }
    }
}
