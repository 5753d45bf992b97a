package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP client for one server on 127.0.0.1, with an optional bearer token. */
public final class HarnessClient {

    private final URI base;
    private final String token;
    private final HttpClient http;

    private HarnessClient(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** A client for {@code http://127.0.0.1:PORT}. */
    public static HarnessClient of(int port) {
        return new HarnessClient(
                URI.create("http://127.0.0.1:" + port),
                null,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The same client, sending {@code Authorization: Bearer TOKEN}. */
    public HarnessClient withToken(String bearerToken) {
        return new HarnessClient(base, bearerToken, http);
    }

    /**
     * A client that keeps cookies, as a browser would, for session and CSRF tests. It does not
     * follow redirects, so tests see the 302 or 303 itself.
     */
    public HarnessClient withCookies() {
        return new HarnessClient(
                base,
                token,
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    }

    /** POSTs an HTML form, {@code application/x-www-form-urlencoded}. */
    public HttpResponse<String> postForm(String path, Map<String, String> fields)
            throws IOException, InterruptedException {
        String body =
                fields.entrySet().stream()
                        .map(
                                e ->
                                        URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                                                + "="
                                                + URLEncoder.encode(
                                                        e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"));
        return send(
                request(path)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build());
    }

    /** The server's base URI. */
    public URI base() {
        return base;
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET().build());
    }

    /** POSTs a JSON body to a path. */
    public HttpResponse<String> postJson(String path, String json)
            throws IOException, InterruptedException {
        return send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build());
    }

    /** DELETEs a path. */
    public HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        return send(request(path).DELETE().build());
    }

    /** Sends any request built from {@link #request(String)}. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request builder for a path, with the token if one is set. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }
}
