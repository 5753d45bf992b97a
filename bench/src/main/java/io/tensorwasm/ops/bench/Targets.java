package io.tensorwasm.ops.bench;

import static io.tensorwasm.ops.bench.Report.f;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The targets table: each measure of issue #22's table as the issue found it, as this run measured
 * it beside its baseline of the same run, and its goal; then the targets of issue #10, still
 * measured. The first row says whether the machine was idle when the run began, without which the
 * ratios mean little.
 */
final class Targets {

    /** A run that began with a 1-minute load above this had a CPU-hungry neighbour (issue #22). */
    static final double IDLE_LOAD = MachineLoad.IDLE_LOAD;

    private final Results r;
    private final JsonObject runtime;
    private final JsonObject load;
    private final JsonObject bare;
    private final StringBuilder out =
            new StringBuilder(
                    "| Measure | Before (issue #22, cf359db) | This run | Baseline, same run | Ratio"
                            + " | Goal | Met |\n|---|---|---|---|---|---|---|\n");

    Targets(Results results) {
        this.r = results;
        this.runtime = results.http().getJsonObject("runtime");
        this.load = runtime.getJsonObject("load");
        this.bare = results.http().getJsonObject("bare");
    }

    String markdown() {
        row(
                idle(),
                "machine idle when each part of the run began",
                "idle",
                loads(),
                "",
                "",
                "1-minute load <= 1.5");
        http();
        inProcess();
        growth();
        double alert = r.percentileMicros(Tables.ALERT, "95.0") / 1000;
        row(
                alert < 50,
                "alert delivered to first runbook action, P95",
                "98 to 487 ms (RemediationEndToEndIT)",
                f(alert, 1) + " ms (`AlertToActionBenchmark`)",
                "",
                "",
                "< 50 ms");
        oldTargets();
        return out.toString();
    }

    private void http() {
        double rate = load.getDouble("requestsPerSecond");
        double bareRate = bare.getDouble("requestsPerSecond");
        row(
                rate / bareRate >= 0.7,
                "HTTP invoke of `ok.add` against a bare Vert.x route, same JSON",
                "40,037 vs 162,635 req/s = 0.246",
                f(rate, 0) + " req/s",
                f(bareRate, 0) + " req/s",
                f(rate / bareRate, 3),
                ">= 0.70");
        double cpu = load.getDouble("serverCpuMicrosPerRequest");
        double bareCpu = bare.getDouble("serverCpuMicrosPerRequest");
        row(
                cpu / bareCpu <= 2,
                "server CPU per request",
                "36.3 vs 6.2 us (5.8x)",
                f(cpu, 1) + " us",
                f(bareCpu, 1) + " us",
                f(cpu / bareCpu, 2) + "x",
                "<= 2x");
        double switches = load.getDouble("contextSwitchesPerRequest");
        double bareSwitches = bare.getDouble("contextSwitchesPerRequest");
        row(
                switches <= 0.3,
                "context switches per request",
                "2.16 vs 0.03",
                f(switches, 3),
                f(bareSwitches, 3),
                f(switches / bareSwitches, 1) + "x",
                "<= 0.3");
        double healthz = load.getJsonObject("healthz").getDouble("p95Millis");
        row(
                healthz < 10,
                "`/healthz` P95 under the invoke load",
                "32.2 ms (bench/run at a8f0dd7)",
                f(healthz, 2) + " ms",
                "",
                "",
                "< 10 ms");
    }

    private void inProcess() {
        double runtimeMicros = r.millis("wasm.InvokeBench.addRuntime") * 1000;
        double directMicros = r.millis("wasm.InvokeBench.addDirect") * 1000;
        double overhead = runtimeMicros - directMicros;
        row(
                overhead <= 5,
                "in-process `ok.add` overhead (through the runtime minus the instance called directly)",
                "38.2 us (hand-off 28.8 us)",
                f(overhead, 2) + " us (" + f(runtimeMicros, 2) + " us through the runtime)",
                f(directMicros, 3) + " us directly",
                "",
                "<= 5 us");
    }

    private void growth() {
        JsonObject cold = runtime.getJsonObject("cold");
        double mb = cold.getJsonObject(Integer.toString(1024 * 1024)).getDouble("medianMillis");
        double kb = cold.getJsonObject(Integer.toString(10 * 1024)).getDouble("medianMillis");
        row(
                mb <= 200,
                "deploy to first invoke of a 1 MB module, median",
                "906 ms",
                f(mb, 1) + " ms",
                f(kb, 1) + " ms for 10 KB",
                f(mb / kb, 1) + "x",
                "<= 200 ms");
        double idle = runtime.getDouble("rssIdleMib");
        double added = runtime.getDouble("rssWithFunctionsMib") - idle;
        row(
                added <= 30,
                "RSS added by 100 deployed 10 KB functions (after a full GC)",
                "+180 MiB",
                "+" + f(added, 0) + " MiB",
                f(idle, 0) + " MiB idle",
                f((idle + added) / idle, 2) + "x",
                "<= 30 MiB");
        JsonObject start = r.http().getJsonObject("start");
        double stored = start.getJsonObject("withFunctions").getDouble("medianStartMillis");
        double empty = start.getJsonObject("empty").getDouble("medianStartMillis");
        row(
                stored <= 2000,
                "start with 1,000 stored functions, median",
                "not measured (6.8 to 13.6 s before #16)",
                f(stored, 0) + " ms",
                f(empty, 0) + " ms empty",
                f(stored / empty, 2) + "x",
                "<= 2 s");
    }

    /** The targets of issue #10, still measured. */
    private void oldTargets() {
        double fib = r.millis("wasm.InvokeBench.fibRuntime");
        double fibDirect = r.millis("wasm.InvokeBench.fibDirect");
        row(
                fib / fibDirect <= 1.2,
                "#10: invoke in process of `fib(27)` against the compiled instance",
                "",
                f(fib, 3) + " ms",
                f(fibDirect, 3) + " ms",
                f(fib / fibDirect, 3) + "x",
                "<= 1.2x");
        double kernel = r.millis("wasm.KernelBench.matmulKernel");
        double v8 = r.v8().getDouble("matmul128Millis");
        row(
                kernel / v8 < 1,
                "#10: 128 x 128 matmul via kernel against V8 pure Wasm",
                "",
                f(kernel, 3) + " ms",
                f(v8, 3) + " ms",
                f(kernel / v8, 3),
                "< 1");
        double dispatch = r.dispatch().getDouble("p95Micros");
        row(
                dispatch < 50,
                "#10: kernel dispatch P95 (histogram_quantile of the metric)",
                "",
                f(dispatch, 2) + " us",
                "",
                "",
                "< 50 us");
    }

    /**
     * Whether the run and each part measured again began on an idle machine (an HTTP part re-run by
     * {@code bench/run --http}, JMH benchmarks by {@code bench/run --jmh}, record their own).
     */
    boolean idle() {
        boolean idle = r.machine().getDouble("loadBefore") <= IDLE_LOAD;
        for (JsonObject parts : reruns()) {
            for (String part : parts.fieldNames()) {
                idle &= parts.getJsonObject(part).getDouble("loadBefore") <= IDLE_LOAD;
            }
        }
        return idle;
    }

    /** The HTTP parts and the JMH benchmarks measured again, each with the load it began at. */
    private JsonObject[] reruns() {
        return new JsonObject[] {
            r.http().getJsonObject("machine", new JsonObject()),
            r.machine().getJsonObject("jmhReruns", new JsonObject())
        };
    }

    /** The 1-minute load as the run began and as each part measured again began, with its time. */
    String loads() {
        StringBuilder text =
                new StringBuilder("load " + f(r.machine().getDouble("loadBefore"), 2) + " (run)");
        JsonObject[] reruns = reruns();
        for (int i = 0; i < reruns.length; i++) {
            for (String part : reruns[i].fieldNames()) {
                JsonObject when = reruns[i].getJsonObject(part);
                text.append(", ")
                        .append(f(when.getDouble("loadBefore"), 2))
                        .append(i == 0 ? " (HTTP " : " (JMH again: ")
                        .append(part)
                        .append(", ")
                        .append(when.getString("at"))
                        .append(')');
            }
        }
        return text.toString();
    }

    /** A row: measure, before, this run, baseline, ratio and goal, then whether it is met. */
    private void row(boolean met, String... cells) {
        for (String cell : cells) {
            out.append("| ").append(cell).append(' ');
        }
        out.append("| ").append(met ? "yes" : "**no**").append(" |\n");
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
