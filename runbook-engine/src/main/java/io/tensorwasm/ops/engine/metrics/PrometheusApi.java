package io.tensorwasm.ops.engine.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Instant queries against the Prometheus HTTP API, {@code GET /api/v1/query}. */
final class PrometheusApi implements MetricSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PrometheusApi(URI base) {
        this.base = base;
    }

    @Override
    public double instant(String name, Map<String, String> labels) {
        String selector =
                labels.isEmpty()
                        ? name
                        : name
                                + labels.entrySet().stream()
                                        .map(e -> e.getKey() + "=\"" + e.getValue() + "\"")
                                        .collect(Collectors.joining(",", "{", "}"));
        return value("sum(" + selector + ")");
    }

    @Override
    public List<Sample> query(String promql) {
        URI uri =
                base.resolve(
                        "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
        JsonNode answer;
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            answer = JSON.readTree(response.body());
            if (!"success".equals(answer.path("status").asText())) {
                throw new IllegalStateException(
                        promql + ": Prometheus answered " + answer.path("error").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(promql + ": cannot query " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(promql + ": interrupted", e);
        }
        return samples(answer.path("data"));
    }

    private static List<Sample> samples(JsonNode data) {
        String type = data.path("resultType").asText();
        List<Sample> samples = new ArrayList<>();
        if (type.equals("scalar")) {
            samples.add(new Sample("scalar", Map.of(), number(data.path("result").path(1))));
        } else if (type.equals("vector")) {
            for (JsonNode series : data.path("result")) {
                Map<String, String> labels = new LinkedHashMap<>();
                series.path("metric")
                        .properties()
                        .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
                String name = labels.getOrDefault("__name__", "");
                labels.remove("__name__");
                samples.add(new Sample(name, labels, number(series.path("value").path(1))));
            }
        } else {
            throw new IllegalStateException(type + ": only instant vectors and scalars are read");
        }
        return samples;
    }

    private static double number(JsonNode text) {
        return switch (text.asText()) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text.asText());
        };
    }

    @Override
    public String describe() {
        return "Prometheus at " + base;
    }
}
