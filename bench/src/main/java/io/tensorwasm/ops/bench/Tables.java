package io.tensorwasm.ops.bench;

import static io.tensorwasm.ops.bench.Report.f;

import io.vertx.core.json.JsonObject;

/**
 * The generated tables of docs/BENCHMARKS.md: each figure beside its baseline and the ratio. The
 * targets are {@link Targets}' and the tables of how cost grows {@link Growth}'s.
 */
final class Tables {

    private final Results r;
    private final String command;
    private final String machine;

    Tables(Results results, String command, String machine) {
        this.r = results;
        this.command = command;
        this.machine = machine;
    }

    static final String ALERT = "alert.AlertToActionBenchmark.deliveryToFirstAction";

    String markdown() {
        return String.join(
                "\n",
                "Command: `" + command + "`. " + machine,
                "",
                loadBefore(),
                "",
                "### Targets",
                "",
                new Targets(r).markdown(),
                "### 1. Wasm compute",
                "",
                compute(),
                "### 2. Kernels",
                "",
                kernels(),
                "### 3. Invoke in process and over HTTP",
                "",
                invoke(),
                handOff(),
                http(),
                "### 4. Cold path, memory and how cost grows",
                "",
                new Growth(r).markdown(),
                "### 5. Alert to first action",
                "",
                alert(),
                "### Profiles",
                "",
                "The runtime under the wrk load of section 3 (JFR, `settings=profile`), CPU samples by"
                        + " the first library from the top of the stack:",
                "",
                profile(
                        r.http()
                                .getJsonObject("runtime")
                                .getJsonObject("load")
                                .getJsonObject("profile")),
                "`InvokeBench.addRuntime` (in process, no HTTP; JMH `-prof jfr`):",
                "",
                profile(r.invokeProfile()),
                "### Every JMH result of the run",
                "",
                Report.allJmh(r.jmh()));
    }

    /** The machine's load when the run began, flagged when a neighbour was busy (issue #22). */
    private String loadBefore() {
        JsonObject m = r.machine();
        String loads =
                "1-minute load "
                        + f(m.getDouble("loadBefore"), 2)
                        + ", 5-minute "
                        + f(m.getDouble("load5Before"), 2)
                        + " when the run began"
                        + (m.getInteger("waitedSeconds") > 0
                                ? " (after waiting " + m.getInteger("waitedSeconds") + " s for it)"
                                : "")
                        + "; "
                        + f(m.getDouble("loadAtBenchmarks"), 2)
                        + " once the build was done. Each part: "
                        + new Targets(r).loads()
                        + ".";
        return new Targets(r).idle()
                ? "Machine idle: " + loads
                : "**Machine NOT idle: "
                        + loads
                        + " Above "
                        + Targets.IDLE_LOAD
                        + ", another process competed for the 2 cores, so the ratios below are"
                        + " not trustworthy; run it again on an idle machine.**";
    }

    private String compute() {
        double fibV8 = r.v8().getDouble("fib27Millis");
        double mmV8 = r.v8().getDouble("matmul128Millis");
        return "| Workload | V8 (Node "
                + r.v8().getString("node")
                + ") | Chicory compiler | compiler / V8"
                + " | Chicory interpreter | interpreter / V8 |\n|---|---|---|---|---|---|\n"
                + computeRow("`fib(27)`", fibV8, "fib")
                + computeRow("128 x 128 f32 matmul", mmV8, "matmul");
    }

    private String computeRow(String label, double v8, String name) {
        double compiled = r.millis("wasm.WasmComputeBench." + name + "Compiler");
        double interpreted = r.millis("wasm.WasmComputeBench." + name + "Interpreter");
        return "| "
                + label
                + " | "
                + f(v8, 3)
                + " ms | "
                + f(compiled, 3)
                + " ms | "
                + f(compiled / v8, 2)
                + " | "
                + f(interpreted, 1)
                + " ms | "
                + f(interpreted / v8, 1)
                + " |\n";
    }

    private String kernels() {
        double kernel = r.millis("wasm.KernelBench.matmulKernel");
        double wasm = r.millis("wasm.WasmComputeBench.matmulCompiler");
        double v8 = r.v8().getDouble("matmul128Millis");
        JsonObject d = r.dispatch();
        String tiny = "wasm.KernelBench.tinyKernel";
        return "| 128 x 128 matmul | ms | ratio |\n|---|---|---|\n"
                + "| through `tensor_wasm.matmul` (compiled guest, "
                + r.dispatch().getString("backend")
                + " backend) | "
                + f(kernel, 3)
                + " | 1 |\n"
                + "| pure Wasm, Chicory compiler | "
                + f(wasm, 3)
                + " | kernel / this = "
                + f(kernel / wasm, 3)
                + " |\n"
                + "| pure Wasm, V8 | "
                + f(v8, 3)
                + " | kernel / this = "
                + f(kernel / v8, 3)
                + " |\n\n"
                + "| Dispatch of a tiny kernel (1 x 1 x 1 matmul) | P50 | P95 | P99 |\n|---|---|---|---|\n"
                + "| `tensor_wasm_kernel_dispatch_duration_seconds` (host call to kernel start), "
                + f(d.getDouble("calls"), 0)
                + " dispatches, histogram_quantile | "
                + f(d.getDouble("p50Micros"), 2)
                + " us | "
                + f(d.getDouble("p95Micros"), 2)
                + " us | "
                + f(d.getDouble("p99Micros"), 2)
                + " us |\n"
                + "| whole round trip guest -> kernel -> guest (JMH SampleTime) | "
                + f(r.percentileMicros(tiny, "50.0"), 2)
                + " us | "
                + f(r.percentileMicros(tiny, "95.0"), 2)
                + " us | "
                + f(r.percentileMicros(tiny, "99.0"), 2)
                + " us |\n\n"
                + "Mean dispatch "
                + f(d.getDouble("meanDispatchMicros"), 3)
                + " us; mean call "
                + f(d.getDouble("meanCallMicros"), 3)
                + " us. Machine during the million dispatches: "
                + machine(d.getJsonObject("machine"))
                + ".\n";
    }

    private String invoke() {
        double fibRuntime = r.millis("wasm.InvokeBench.fibRuntime");
        double fibDirect = r.millis("wasm.InvokeBench.fibDirect");
        double addRuntime = r.millis("wasm.InvokeBench.addRuntime") * 1000;
        double addDirect = r.millis("wasm.InvokeBench.addDirect") * 1000;
        return "| In process (no HTTP) | through the runtime | compiled instance directly | ratio | overhead |\n"
                + "|---|---|---|---|---|\n"
                + "| `fib(27)` | "
                + f(fibRuntime, 3)
                + " ms | "
                + f(fibDirect, 3)
                + " ms | "
                + f(fibRuntime / fibDirect, 3)
                + " | "
                + f((fibRuntime - fibDirect) * 1000, 1)
                + " us |\n"
                + "| `ok.add(2, 3)` | "
                + f(addRuntime, 2)
                + " us | "
                + f(addDirect, 3)
                + " us | "
                + f(addRuntime / addDirect, 0)
                + " | "
                + f(addRuntime - addDirect, 2)
                + " us |\n"
                + micros("`fib(1)` (recursion: on a worker)", "fibShort")
                + "\n`ok.add` runs on the caller's thread, on an instance the thread keeps since"
                + " the module has no state (issue #22); what it no longer pays, each measured"
                + " alone: a fresh instance per call "
                + f(r.millis("wasm.InvokeBench.addFreshInstance") * 1000, 2)
                + " us, and handing the call to a pool thread and"
                + " waiting for it (`CompletableFuture.supplyAsync(..., pool).join()`) "
                + f(r.millis("wasm.InvokeBench.addHandOffOnly") * 1000, 2)
                + " us. The longest call the runtime runs on the caller's thread, on a fresh"
                + " instance: 10,000 instructions compiled "
                + f(r.millis("wasm.InvokeBench.inlineWorstCompiled") * 1000, 2)
                + " us, 1,000 interpreted "
                + f(r.millis("wasm.InvokeBench.inlineWorstInterpreted") * 1000, 2)
                + " us.\n";
    }

    private String micros(String label, String name) {
        double runtime = r.millis("wasm.InvokeBench." + name + "Runtime") * 1000;
        double direct = r.millis("wasm.InvokeBench." + name + "Direct") * 1000;
        return "| "
                + label
                + " | "
                + f(runtime, 2)
                + " us | "
                + f(direct, 3)
                + " us | "
                + f(runtime / direct, 0)
                + " | "
                + f(runtime - direct, 2)
                + " us |\n";
    }

    /** The hand-off candidates for calls that must go to a worker, each alone. */
    private String handOff() {
        StringBuilder out =
                new StringBuilder(
                        "\nHanding `ok.add` to a pool of 2 and waiting for it, per candidate"
                                + " (`HandOffBench`):\n\n| Hand-off | us per call |\n|---|---|\n");
        String[][] candidates = {
            {"poolArrayQueue", "thread pool over an array queue (the runtime's, kept)"},
            {"poolTransferQueue", "thread pool over a transfer queue (workers spin a little)"},
            {"spinningWorkers20us", "workers that poll 20 us after each call, then park"},
            {"spinningWorkers100us", "workers that poll 100 us after each call, then park"}
        };
        for (String[] c : candidates) {
            out.append("| ")
                    .append(c[1])
                    .append(" | ")
                    .append(f(r.millis("wasm.HandOffBench." + c[0]) * 1000, 2))
                    .append(" |\n");
        }
        return out.toString();
    }

    private String alert() {
        return "| Alertmanager delivery to the runbook's first step, in process (JMH SampleTime)"
                + " | P50 | P95 | P99 | max |\n|---|---|---|---|---|\n"
                + "| `AlertToActionBenchmark`: H2 file database, the real OnCall wiring, pagers"
                + " that take 100 ms to accept a page | "
                + f(r.percentileMicros(ALERT, "50.0") / 1000, 1)
                + " ms | "
                + f(r.percentileMicros(ALERT, "95.0") / 1000, 1)
                + " ms | "
                + f(r.percentileMicros(ALERT, "99.0") / 1000, 1)
                + " ms | "
                + f(r.percentileMicros(ALERT, "100.0") / 1000, 1)
                + " ms |\n";
    }

    private String http() {
        JsonObject bare = r.http().getJsonObject("bare");
        JsonObject load = r.http().getJsonObject("runtime").getJsonObject("load");
        JsonObject healthz = load.getJsonObject("healthz");
        return "\n`"
                + r.http().getString("wrk")
                + "`, `POST .../invoke` of `ok` with `{\"export\":\"add\",\"args\":[2,3]}`:\n\n"
                + "| HTTP | requests/s | P50 | P99 | server CPU per request | server context switches per request | machine during the load |\n|---|---|---|---|---|---|---|\n"
                + httpRow("runtime `POST /functions/{id}/invoke`", load)
                + httpRow("bare Vert.x route, same JSON", bare)
                + "| ratio runtime / bare | "
                + f(load.getDouble("requestsPerSecond") / bare.getDouble("requestsPerSecond"), 3)
                + " | | | "
                + f(
                        load.getDouble("serverCpuMicrosPerRequest")
                                / bare.getDouble("serverCpuMicrosPerRequest"),
                        2)
                + " | "
                + f(
                        load.getDouble("contextSwitchesPerRequest")
                                / bare.getDouble("contextSwitchesPerRequest"),
                        2)
                + " | |\n\n"
                + "`/healthz` sampled every 10 ms during each load, as a caller's health check"
                + " is: during the runtime's, "
                + healthz(healthz)
                + (bare.containsKey("healthz")
                        ? "; during the bare route's, " + healthz(bare.getJsonObject("healthz"))
                        : "")
                + ". The JFR profile below comes from a further 10 s load of its own, since the"
                + " profiler costs the runtime about a third of its throughput.\n";
    }

    private static String healthz(JsonObject healthz) {
        return healthz.getInteger("samples")
                + " samples, P50 "
                + f(healthz.getDouble("p50Millis"), 2)
                + " ms, P95 "
                + f(healthz.getDouble("p95Millis"), 2)
                + " ms, P99 "
                + f(healthz.getDouble("p99Millis"), 2)
                + " ms, max "
                + f(healthz.getDouble("maxMillis"), 2)
                + " ms";
    }

    private static String httpRow(String label, JsonObject load) {
        return "| "
                + label
                + " | "
                + f(load.getDouble("requestsPerSecond"), 0)
                + " | "
                + f(load.getDouble("p50Millis"), 2)
                + " ms | "
                + f(load.getDouble("p99Millis"), 2)
                + " ms | "
                + f(load.getDouble("serverCpuMicrosPerRequest"), 1)
                + " us | "
                + f(load.getDouble("contextSwitchesPerRequest"), 2)
                + " | "
                + machine(load.getJsonObject("machine"))
                + " |\n";
    }

    /** The machine's state during a measurement: all CPU busy share, its system share, steal. */
    static String machine(JsonObject m) {
        return "busy "
                + f(m.getDouble("busyShare") * 100, 0)
                + " % (system "
                + f(m.getDouble("systemShare") * 100, 0)
                + " %, steal "
                + f(m.getDouble("stealShare") * 100, 1)
                + " %), load "
                + f(m.getDouble("loadAverage"), 1);
    }

    private static String profile(JsonObject profile) {
        StringBuilder out =
                new StringBuilder(
                        "| Component | share of "
                                + profile.getInteger("samples")
                                + " samples |\n|---|---|\n");
        for (Object c : profile.getJsonArray("components")) {
            JsonObject component = (JsonObject) c;
            out.append("| ")
                    .append(component.getString("name"))
                    .append(" | ")
                    .append(f(component.getDouble("share") * 100, 1))
                    .append(" % |\n");
        }
        out.append("\n| Hottest methods (self) | share |\n|---|---|\n");
        for (Object m : profile.getJsonArray("methods")) {
            JsonObject method = (JsonObject) m;
            out.append("| `")
                    .append(method.getString("name"))
                    .append("` | ")
                    .append(f(method.getDouble("share") * 100, 1))
                    .append(" % |\n");
        }
        return out.toString();
    }
}
