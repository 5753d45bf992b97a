package io.tensorwasm.ops.bench;

import static io.tensorwasm.ops.bench.Report.f;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The targets table: each goal of issues #10 and #22 beside what this run measured. Every row is a
 * ratio to a baseline of the same run or a figure with its own goal; the first row says whether the
 * machine was idle when the run began, without which the ratios mean little.
 */
final class Targets {

    /** A run that began with a 1-minute load above this had a CPU-hungry neighbour (issue #22). */
    static final double IDLE_LOAD = 1.5;

    private final Results r;
    private final StringBuilder out =
            new StringBuilder("| Target | Measured | Met |\n|---|---|---|\n");

    Targets(Results results) {
        this.r = results;
    }

    String markdown() {
        double loadBefore = r.machine().getDouble("loadBefore");
        row("machine idle when the run began (1-minute load <= 1.5)", f(loadBefore, 2), idle());
        JsonObject load = r.http().getJsonObject("runtime").getJsonObject("load");
        JsonObject bare = r.http().getJsonObject("bare");
        double http = load.getDouble("requestsPerSecond") / bare.getDouble("requestsPerSecond");
        row("HTTP invoke of `ok.add` >= 0.70 of the bare route", f(http, 3), http >= 0.7);
        double cpu =
                load.getDouble("serverCpuMicrosPerRequest")
                        / bare.getDouble("serverCpuMicrosPerRequest");
        row("server CPU per request <= 2x the bare route's", f(cpu, 2) + "x", cpu <= 2);
        double switches = load.getDouble("contextSwitchesPerRequest");
        row("context switches per request <= 0.3", f(switches, 3), switches <= 0.3);
        double add =
                (r.millis("wasm.InvokeBench.addRuntime") - r.millis("wasm.InvokeBench.addDirect"))
                        * 1000;
        row("in-process `ok.add` overhead <= 5 us", f(add, 2) + " us", add <= 5);
        double healthz = load.getJsonObject("healthz").getDouble("p95Millis");
        row("/healthz P95 < 10 ms under the invoke load", f(healthz, 2) + " ms", healthz < 10);
        double mb =
                r.http()
                        .getJsonObject("runtime")
                        .getJsonObject("cold")
                        .getJsonObject(Integer.toString(1024 * 1024))
                        .getDouble("medianMillis");
        row(
                "deploy to first invoke of a 1 MB module <= 200 ms (median)",
                f(mb, 1) + " ms",
                mb <= 200);
        JsonObject runtime = r.http().getJsonObject("runtime");
        double rss = runtime.getDouble("rssWithFunctionsMib") - runtime.getDouble("rssIdleMib");
        row("RSS added by 100 deployed 10 KB functions <= 30 MiB", f(rss, 0) + " MiB", rss <= 30);
        double start =
                r.http()
                        .getJsonObject("start")
                        .getJsonObject("withFunctions")
                        .getDouble("medianStartMillis");
        row(
                "start with 1,000 stored functions <= 2 s (median)",
                f(start, 0) + " ms",
                start <= 2000);
        double alert = r.percentileMicros(Tables.ALERT, "95.0") / 1000;
        row(
                "alert delivered to first runbook action, P95 < 50 ms",
                f(alert, 1) + " ms",
                alert < 50);
        oldTargets();
        return out.toString();
    }

    /** The targets of issue #10, still measured. */
    private void oldTargets() {
        double invoke =
                r.millis("wasm.InvokeBench.fibRuntime") / r.millis("wasm.InvokeBench.fibDirect");
        row(
                "invoke in process within 1.2x of the compiled instance (fib(27))",
                f(invoke, 3) + "x",
                invoke <= 1.2);
        double kernel =
                r.millis("wasm.KernelBench.matmulKernel") / r.v8().getDouble("matmul128Millis");
        row(
                "matmul via kernel faster than V8 pure-Wasm matmul (ratio < 1)",
                f(kernel, 3),
                kernel < 1);
        double dispatch = r.dispatch().getDouble("p95Micros");
        row(
                "dispatch P95 < 50 us (histogram_quantile of the metric)",
                f(dispatch, 2) + " us",
                dispatch < 50);
    }

    /** Whether the run began on an idle machine. */
    boolean idle() {
        return r.machine().getDouble("loadBefore") <= IDLE_LOAD;
    }

    private void row(String target, String measured, boolean met) {
        out.append("| ")
                .append(target)
                .append(" | ")
                .append(measured)
                .append(" | ")
                .append(met ? "yes" : "**no**")
                .append(" |\n");
    }

    /** Each value of a JSON array with the given decimals, comma-separated. */
    static String each(JsonArray values, int decimals) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(f(values.getDouble(i), decimals));
        }
        return text.toString();
    }
}
