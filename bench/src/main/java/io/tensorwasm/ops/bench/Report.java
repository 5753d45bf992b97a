package io.tensorwasm.ops.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Rewrites the generated part of docs/BENCHMARKS.md, between {@value #BEGIN} and {@value #END},
 * from the result files of one run; the prose around it stays.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.Report target/bench docs/BENCHMARKS.md "bench/run" "machine..."
 * }</pre>
 */
public final class Report {

    static final String BEGIN = "<!-- bench/run: generated from here -->";
    static final String END = "<!-- bench/run: generated up to here -->";

    private Report() {}

    public static void main(String[] args) throws IOException {
        Results results = Results.read(Path.of(args[0]));
        Path page = Path.of(args[1]);
        String generated = new Tables(results, args[2], args[3]).markdown();
        String text =
                Files.exists(page)
                        ? Files.readString(page)
                        : "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(
                    page + ": the markers " + BEGIN + " and " + END + " are missing");
        }
        Files.writeString(
                page,
                text.substring(0, begin + BEGIN.length()) + "\n" + generated + text.substring(end));
        System.out.println("report: rewrote the tables of " + page);
    }

    /** A number with the given decimals, in the root locale. */
    static String f(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Every JMH result of the run, whichever package it is in (console benchmarks included). */
    static String allJmh(JsonArray jmh) {
        StringBuilder out =
                new StringBuilder(
                        "| Benchmark | Mode | Score | Error | Unit |\n|---|---|---|---|---|\n");
        for (int i = 0; i < jmh.size(); i++) {
            JsonObject result = jmh.getJsonObject(i);
            JsonObject metric = result.getJsonObject("primaryMetric");
            out.append("| `")
                    .append(result.getString("benchmark").replace(Results.PACKAGE, ""))
                    .append("` | ")
                    .append(result.getString("mode"))
                    .append(" | ")
                    .append(f(metric.getDouble("score"), 3))
                    .append(" | ")
                    .append(
                            metric.getValue("scoreError") instanceof Number e
                                    ? "± " + f(e.doubleValue(), 3)
                                    : "")
                    .append(" | ")
                    .append(metric.getString("scoreUnit"))
                    .append(" |\n");
        }
        return out.toString();
    }
}
