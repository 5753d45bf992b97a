package io.tensorwasm.ops.bench;

import static io.tensorwasm.ops.bench.Report.f;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The generated tables of docs/BENCHMARKS.md: each figure beside its baseline and the ratio. */
final class Tables {

    private final Results r;
    private final String command;
    private final String machine;

    Tables(Results results, String command, String machine) {
        this.r = results;
        this.command = command;
        this.machine = machine;
    }

    String markdown() {
        return String.join(
                "\n",
                "Command: `" + command + "`. " + machine,
                "",
                "### Targets",
                "",
                targets(),
                "### 1. Wasm compute",
                "",
                compute(),
                "### 2. Kernels",
                "",
                kernels(),
                "### 3. Invoke in process and over HTTP",
                "",
                invoke(),
                http(),
                "### 4. Cold path and memory",
                "",
                cold(),
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

    private String targets() {
        JsonObject load = r.http().getJsonObject("runtime").getJsonObject("load");
        double invoke =
                r.millis("wasm.InvokeBench.fibRuntime") / r.millis("wasm.InvokeBench.fibDirect");
        double kernel =
                r.millis("wasm.KernelBench.matmulKernel") / r.v8().getDouble("matmul128Millis");
        double http =
                load.getDouble("requestsPerSecond")
                        / r.http().getJsonObject("bare").getDouble("requestsPerSecond");
        double healthz = load.getJsonObject("healthz").getDouble("p95Millis");
        double dispatch = r.dispatch().getDouble("p95Micros");
        return "| Target | Measured | Met |\n|---|---|---|\n"
                + row(
                        "invoke in process within 1.2x of the compiled instance (fib(27))",
                        f(invoke, 3) + "x",
                        invoke <= 1.2)
                + row(
                        "matmul via kernel faster than V8 pure-Wasm matmul (ratio < 1)",
                        f(kernel, 3),
                        kernel < 1)
                + row(
                        "HTTP invoke throughput >= 70 % of the bare route",
                        f(http * 100, 1) + " %", http >= 0.7)
                + row(
                        "/healthz P95 < 10 ms under the invoke load",
                        f(healthz, 2) + " ms",
                        healthz < 10)
                + row(
                        "dispatch P95 < 50 us (histogram_quantile of the metric)",
                        f(dispatch, 2) + " us",
                        dispatch < 50);
    }

    private static String row(String target, String measured, boolean met) {
        return "| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |\n";
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
                + " us |\n\n"
                + "Where the `ok.add` overhead goes, each part measured alone: a fresh instance per call "
                + f(r.millis("wasm.InvokeBench.addFreshInstance") * 1000, 2)
                + " us; handing the call to a pool thread and"
                + " waiting for it (`CompletableFuture.supplyAsync(..., pool).join()`) "
                + f(r.millis("wasm.InvokeBench.addHandOffOnly") * 1000, 2)
                + " us.\n";
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
                + "`/healthz` sampled every 10 ms during the runtime's load ("
                + healthz.getInteger("samples")
                + " samples): P50 "
                + f(healthz.getDouble("p50Millis"), 2)
                + " ms, P95 "
                + f(healthz.getDouble("p95Millis"), 2)
                + " ms, P99 "
                + f(healthz.getDouble("p99Millis"), 2)
                + " ms, max "
                + f(healthz.getDouble("maxMillis"), 2)
                + " ms.\n";
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

    private String cold() {
        JsonObject runtime = r.http().getJsonObject("runtime");
        JsonObject cold = runtime.getJsonObject("cold");
        return "| Deploy to first successful invoke (over HTTP) | module | median | runs |\n|---|---|---|---|\n"
                + coldRow("10 KB module", cold.getJsonObject("10KB"))
                + coldRow("1 MB module", cold.getJsonObject("1MB"))
                + "\n| Runtime RSS | MiB | ratio |\n|---|---|---|\n"
                + "| idle, no function | "
                + f(runtime.getDouble("rssIdleMib"), 0)
                + " | 1 |\n"
                + "| "
                + runtime.getInteger("functions")
                + " functions of 10 KB deployed | "
                + f(runtime.getDouble("rssWithFunctionsMib"), 0)
                + " | "
                + f(runtime.getDouble("rssWithFunctionsMib") / runtime.getDouble("rssIdleMib"), 2)
                + " |\n";
    }

    private static String coldRow(String label, JsonObject cold) {
        JsonArray runs = cold.getJsonArray("runsMillis");
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            each.append(i == 0 ? "" : ", ").append(f(runs.getDouble(i), 1));
        }
        return "| "
                + label
                + " | "
                + cold.getInteger("moduleBytes")
                + " bytes | "
                + f(cold.getDouble("medianMillis"), 1)
                + " ms | "
                + each
                + " ms |\n";
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
