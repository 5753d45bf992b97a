package io.tensorwasm.ops.launcher.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.engine.model.Texts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a tool's public HTTP API: GETs with its authorization header, JSON answers, and the pages
 * of a list followed through the {@code next} link the tool gives. The secret is sent, never
 * printed.
 */
final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;

    /**
     * @param base the API's base URL
     * @param authorization the value of the {@code Authorization} header
     */
    ApiClient(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** GETs a path under the base URL. */
    JsonNode get(String path) {
        return get(URI.create(Texts.base(base) + path));
    }

    /** Every item of a list, following {@code next} (Grafana OnCall) through its pages. */
    List<JsonNode> pages(String path, String items) {
        List<JsonNode> all = new ArrayList<>();
        JsonNode page = get(path);
        for (int n = 0; n < 1_000; n++) {
            page.path(items).forEach(all::add);
            String next = page.path("next").asText("");
            if (next.isEmpty() || "null".equals(next)) {
                next = page.path("paging").path("next").asText("");
            }
            if (next.isEmpty()) {
                return all;
            }
            page = get(URI.create(next));
        }
        throw new IllegalStateException(base + ": more than 1000 pages of " + path);
    }

    private JsonNode get(URI url) {
        HttpRequest request =
                HttpRequest.newBuilder(url)
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", authorization)
                        .header("Accept", "application/json")
                        .GET()
                        .build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("GET " + url + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    "GET "
                            + url
                            + ": "
                            + response.statusCode()
                            + " "
                            + Texts.clip(response.body().strip(), 200)
                            + (response.statusCode() == 401 || response.statusCode() == 403
                                    ? " (check the token or API key file)"
                                    : ""));
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + url + ": the answer is not JSON", e);
        }
    }
}
