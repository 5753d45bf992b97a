package io.tensorwasm.ops.engine.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the target's {@code /metrics} directly, for the embedded default without Prometheus. The
 * subset of PromQL it answers:
 *
 * <ul>
 *   <li>{@code name} and {@code name{label="v",...}}: the instant value, summed over the matching
 *       series;
 *   <li>{@code rate(selector[w])} and {@code irate(selector[w])}: the per-second increase across
 *       two scrapes one gap apart (default 1 s), whatever {@code w} says;
 *   <li>{@code increase(selector[w])} and {@code delta(selector[w])}: that rate times {@code w}.
 * </ul>
 *
 * Anything else throws and names the subset; configure Prometheus for the rest.
 */
final class ScrapeSource implements MetricSource {

    private static final Pattern SELECTOR =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{([^}]*)\\})?");
    private static final Pattern RANGE_FUNCTION =
            Pattern.compile(
                    "(rate|irate|increase|delta)\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*\\s*(?:\\{[^}]*\\})?)\\s*\\[(\\d+)([smh])\\]\\s*\\)");
    private static final Pattern MATCHER =
            Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*,?");

    private final URI url;
    private final Duration gap;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ScrapeSource(URI url, Duration gap) {
        this.url = url;
        this.gap = gap;
    }

    @Override
    public double instant(String name, Map<String, String> labels) {
        return sum(scrape(), name, labels);
    }

    @Override
    public List<Sample> query(String promql) {
        String expr = promql.strip();
        Matcher range = RANGE_FUNCTION.matcher(expr);
        if (range.matches()) {
            return List.of(new Sample(expr, Map.of(), rate(range)));
        }
        Matcher selector = SELECTOR.matcher(expr);
        if (selector.matches()) {
            Map<String, String> labels = labels(selector.group(2), promql);
            return List.of(
                    new Sample(selector.group(1), labels, instant(selector.group(1), labels)));
        }
        throw new UnsupportedOperationException(
                promql
                        + ": without Prometheus only name{labels}, rate(), irate(), increase() and"
                        + " delta() over two scrapes are answered; configure a Prometheus URL");
    }

    private double rate(Matcher range) {
        Matcher selector = SELECTOR.matcher(range.group(2).strip());
        if (!selector.matches()) {
            throw new IllegalArgumentException(range.group(2) + ": not a series selector");
        }
        String name = selector.group(1);
        Map<String, String> labels = labels(selector.group(2), range.group());
        double first = sum(scrape(), name, labels);
        sleep();
        double second = sum(scrape(), name, labels);
        double perSecond = (second - first) / (gap.toMillis() / 1000.0);
        long window =
                Long.parseLong(range.group(3))
                        * switch (range.group(4)) {
                            case "m" -> 60;
                            case "h" -> 3600;
                            default -> 1;
                        };
        return switch (range.group(1)) {
            case "increase", "delta" -> perSecond * window;
            default -> perSecond;
        };
    }

    private static Map<String, String> labels(String matchers, String promql) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (matchers == null || matchers.isBlank()) {
            return labels;
        }
        Matcher m = MATCHER.matcher(matchers);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), m.group(2));
            end = m.end();
        }
        if (end != matchers.length()) {
            throw new UnsupportedOperationException(
                    promql + ": without Prometheus only label=\"value\" matchers are answered");
        }
        return labels;
    }

    private static double sum(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream().filter(s -> s.matches(name, labels)).toList();
        if (matching.isEmpty()) {
            throw new IllegalStateException(name + labels + ": no such series in the scrape");
        }
        return matching.stream().mapToDouble(Sample::value).sum();
    }

    private List<Sample> scrape() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> response =
                    http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + ": scrape answered " + response.statusCode());
            }
            return TextFormat.parse(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(url + ": cannot scrape", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(url + ": interrupted", e);
        }
    }

    private void sleep() {
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(url + ": interrupted", e);
        }
    }

    @Override
    public String describe() {
        return "a scrape of " + url;
    }
}
