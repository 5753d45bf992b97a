package io.tensorwasm.ops.bench.http;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs wrk (Debian package {@code wrk}) with a POST of {@code {"export":"add","args":[2,3]}}, or of
 * another body to paths picked at random, and reads its summary: requests per second and the
 * latency percentiles of {@code --latency}.
 */
final class Wrk {

    static final String BODY = "{\"export\":\"add\",\"args\":[2,3]}";
    static final int THREADS = 2;
    static final int CONNECTIONS = 32;

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern ERRORS =
            Pattern.compile(
                    "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    /** A request unanswered this long counts as timed out and is left out of wrk's latencies. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern PERCENTILE =
            Pattern.compile("^\\s+(50|75|90|99)%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private Wrk() {}

    /** Loads the URL for the duration and returns the summary; non-2xx answers fail the run. */
    static JsonObject run(String url, Duration duration, Path scratch)
            throws IOException, InterruptedException {
        Path script = scratch.resolve("post.lua");
        Files.writeString(script, post(BODY));
        return run(url, script, duration, false);
    }

    /**
     * Loads the server for the duration with the body POSTed to one of the paths at random for each
     * request, and returns the summary. Answers other than 2xx are a figure of the run here ({@code
     * non2xx}): with thousands of functions, a cold one can miss its deadline, which is what the
     * growth table is there to show.
     */
    static JsonObject runAcross(
            URI base, List<String> paths, String body, Duration duration, Path scratch)
            throws IOException, InterruptedException {
        Path list = scratch.resolve("paths.txt");
        Files.write(list, paths);
        Path script = scratch.resolve("post-across.lua");
        Files.writeString(
                script,
                post(body)
                        + "local paths = {}\n"
                        + "for line in io.lines(\""
                        + list
                        + "\") do paths[#paths + 1] = line end\n"
                        + "math.randomseed(os.time())\n"
                        + "request = function()\n"
                        + "  return wrk.format(nil, paths[math.random(#paths)])\n"
                        + "end\n");
        return run(base.resolve(paths.get(0)).toString(), script, duration, true);
    }

    private static String post(String body) {
        return "wrk.method = \"POST\"\n"
                + "wrk.body = '"
                + body
                + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\n";
    }

    private static JsonObject run(String url, Path script, Duration duration, boolean non2xxCounted)
            throws IOException, InterruptedException {
        List<String> command =
                List.of(
                        "wrk",
                        "-t" + THREADS,
                        "-c" + CONNECTIONS,
                        "-d" + duration.toSeconds() + "s",
                        "--latency",
                        "--timeout",
                        TIMEOUT.toSeconds() + "s",
                        "-s",
                        script.toString(),
                        url);
        Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // A timed-out request is a figure of the run (reported); any other error fails it.
        Matcher errors = ERRORS.matcher(output);
        boolean socketErrors =
                errors.find()
                        && !(errors.group(1) + errors.group(2) + errors.group(3)).equals("000");
        Matcher non2xx = NON_2XX.matcher(output);
        boolean refused = non2xx.find() && !non2xxCounted;
        if (wrk.waitFor() != 0 || refused || socketErrors) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
        JsonObject summary =
                new JsonObject()
                        .put("requestsPerSecond", number(RATE, output))
                        .put("requests", number(TOTAL, output))
                        .put(
                                "timeouts",
                                errors.reset().find() ? Integer.parseInt(errors.group(4)) : 0)
                        .put(
                                "non2xx",
                                non2xx.reset().find() ? Long.parseLong(non2xx.group(1)) : 0L);
        Matcher percentiles = PERCENTILE.matcher(output);
        while (percentiles.find()) {
            summary.put("p" + percentiles.group(1) + "Millis", millis(percentiles));
        }
        return summary;
    }

    private static double number(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException(pattern + ": not in the wrk output:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static double millis(Matcher percentile) {
        double value = Double.parseDouble(percentile.group(2));
        return switch (percentile.group(3)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
