package io.tensorwasm.ops.engine.metrics;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Queries against the Prometheus HTTP API: instant ({@code GET /api/v1/query}) and range ({@code
 * GET /api/v1/query_range}).
 */
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
        return samples(
                answer(promql, "/api/v1/query?query=" + URLEncoder.encode(promql, UTF_8))
                        .path("data"));
    }

    @Override
    public List<Series> range(String promql, Instant start, Instant end, Duration step) {
        JsonNode data =
                answer(
                                promql,
                                "/api/v1/query_range?query="
                                        + URLEncoder.encode(promql, UTF_8)
                                        + "&start="
                                        + seconds(start)
                                        + "&end="
                                        + seconds(end)
                                        + "&step="
                                        + Math.max(1, step.toSeconds()))
                        .path("data");
        if (!data.path("resultType").asText().equals("matrix")) {
            throw new IllegalStateException(
                    promql + ": a range query answered " + data.path("resultType").asText());
        }
        List<Series> series = new ArrayList<>();
        for (JsonNode one : data.path("result")) {
            List<Series.Point> points = new ArrayList<>();
            for (JsonNode value : one.path("values")) {
                points.add(
                        new Series.Point(
                                Instant.ofEpochMilli(Math.round(value.path(0).asDouble() * 1000)),
                                number(value.path(1))));
            }
            series.add(new Series(labels(one.path("metric")), points));
        }
        return series;
    }

    /** The answer of the HTTP API to a path, once its status says success. */
    private JsonNode answer(String promql, String pathAndQuery) {
        URI uri = base.resolve(pathAndQuery);
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
        return answer;
    }

    private static List<Sample> samples(JsonNode data) {
        String type = data.path("resultType").asText();
        List<Sample> samples = new ArrayList<>();
        if (type.equals("scalar")) {
            samples.add(new Sample("scalar", Map.of(), number(data.path("result").path(1))));
        } else if (type.equals("vector")) {
            for (JsonNode series : data.path("result")) {
                String name = series.path("metric").path("__name__").asText("");
                samples.add(
                        new Sample(
                                name,
                                labels(series.path("metric")),
                                number(series.path("value").path(1))));
            }
        } else {
            throw new IllegalStateException(type + ": only instant vectors and scalars are read");
        }
        return samples;
    }

    /** A time as the API takes it: seconds since the epoch, to the millisecond. */
    private static String seconds(Instant at) {
        return BigDecimal.valueOf(at.toEpochMilli(), 3).toPlainString();
    }

    /** A series' labels without its name. */
    private static Map<String, String> labels(JsonNode metric) {
        Map<String, String> labels = new LinkedHashMap<>();
        metric.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        labels.remove("__name__");
        return labels;
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
