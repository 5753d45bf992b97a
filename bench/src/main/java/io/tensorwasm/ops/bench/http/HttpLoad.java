package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.bench.MachineLoad;
import io.tensorwasm.ops.bench.Profile;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP benchmark and the load harness: wrk against the bare route and against the runtime's
 * invoke of {@code ok}, {@code /healthz} sampled during the runtime's load, server CPU and context
 * switches per request, a JFR profile of the runtime under load, RSS with 100 functions deployed,
 * the cold path from deploy to first invoke for modules of 10 KB to 4 MB, the start with 1,000
 * stored functions ({@link StartTimes}) and how cost grows with the functions deployed ({@link
 * Scaling}). Each server runs in a JVM of its own.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.http.HttpLoad target/bench                # every part
 * java -cp ... io.tensorwasm.ops.bench.http.HttpLoad target/bench load start     # re-run these
 * }</pre>
 */
public final class HttpLoad {

    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration LOAD = Duration.ofSeconds(15);
    static final Duration PROFILED = Duration.ofSeconds(10);
    static final int FUNCTIONS = 100;
    static final int COLD_RUNS = 3;
    static final int[] COLD_BYTES = {10 * 1024, 100 * 1024, 1024 * 1024, 4 * 1024 * 1024};

    /**
     * The parts, in the order a whole run measures them: the loads of the bare route and of the
     * runtime with the runtime's RSS and cold path; the starts; how cost grows. The bare route and
     * the runtime are one part, since their ratios mean something only when measured together.
     */
    static final List<String> PARTS = List.of("load", "start", "scaling");

    private HttpLoad() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out);
        Path file = out.resolve("http.json");
        List<String> parts = args.length > 1 ? List.of(args).subList(1, args.length) : PARTS;
        if (!PARTS.containsAll(parts)) {
            throw new IllegalArgumentException(parts + ": the parts are " + PARTS);
        }
        // A re-run of some parts keeps the others of the run before.
        JsonObject result =
                args.length > 1 && Files.exists(file)
                        ? new JsonObject(Files.readString(file))
                        : new JsonObject();
        result.put(
                "wrk",
                "wrk -t"
                        + Wrk.THREADS
                        + " -c"
                        + Wrk.CONNECTIONS
                        + " -d"
                        + LOAD.toSeconds()
                        + "s --latency --timeout "
                        + Wrk.TIMEOUT.toSeconds()
                        + "s");
        for (String part : parts) {
            JsonObject when = MachineLoad.settled(MachineLoad.IDLE_LOAD, Duration.ofMinutes(3));
            switch (part) {
                case "load" -> result.put("bare", bare(out)).put("runtime", runtime(out));
                case "start" -> result.put("start", StartTimes.measure(out));
                default -> result.put("scaling", Scaling.measure(out));
            }
            result.put(
                    "machine", result.getJsonObject("machine", new JsonObject()).put(part, when));
            // Written after each part, so a part that fails loses only itself.
            Files.writeString(file, result.encodePrettily());
        }
        System.out.println("http: " + result.encode());
    }

    private static JsonObject bare(Path out) throws Exception {
        try (Runtimes.Server server = Runtimes.bare(out)) {
            String url = server.api().uri("/functions/fn_bare/invoke").toString();
            Wrk.run(url, WARMUP, out);
            // Sampled as the runtime is, so both loads share the same neighbour.
            return measured(out, server, url, HealthzSampler.start(server.api()));
        }
    }

    private static JsonObject runtime(Path out) throws Exception {
        Path data = out.resolve("runtime-data");
        ProcessStats.deleteTree(data);
        try (Runtimes.Server server = Runtimes.start(out, data, 0)) {
            JsonObject result = new JsonObject();
            ProcessStats.awaitQuiet(server.pid());
            result.put("rssIdleRawMib", ProcessStats.rssMib(server.pid()));
            result.put("rssIdleMib", ProcessStats.keptRssMib(server.pid()));
            Deploys.parallel(server.api(), 0, FUNCTIONS);
            ProcessStats.awaitQuiet(server.pid());
            result.put("rssWithFunctionsRawMib", ProcessStats.rssMib(server.pid()));
            result.put("rssWithFunctionsMib", ProcessStats.keptRssMib(server.pid()));
            result.put("functions", FUNCTIONS);
            // The load before the cold path: a first invoke leaves the background compiler busy.
            result.put("load", load(out, server));
            JsonObject cold = new JsonObject();
            for (int bytes : COLD_BYTES) {
                cold.put(Integer.toString(bytes), cold(server, bytes));
            }
            return result.put("cold", cold);
        }
    }

    private static JsonObject load(Path out, Runtimes.Server server) throws Exception {
        Api api = server.api();
        String url =
                api.uri("/functions/" + api.deploy("ok", WasmCorpus.bytes("ok")) + "/invoke")
                        .toString();
        Wrk.run(url, WARMUP, out);
        ProcessStats.awaitQuiet(server.pid());
        JsonObject load = measured(out, server, url, HealthzSampler.start(api));
        // The profile comes from a load of its own: JFR's profile settings cost the runtime about
        // a third of its throughput, which the bare route's load does not pay (issue #22).
        Path recording = out.resolve("runtime-load.jfr");
        Files.deleteIfExists(recording);
        ProcessStats.jcmd(server.pid(), "JFR.start", "name=load", "settings=profile");
        Wrk.run(url, PROFILED, out);
        ProcessStats.jcmd(server.pid(), "JFR.dump", "name=load", "filename=" + recording);
        ProcessStats.jcmd(server.pid(), "JFR.stop", "name=load");
        return load.put("profile", Profile.summarize(recording, 12));
    }

    /** One wrk load with the server's CPU, context switches and the machine read around it. */
    private static JsonObject measured(
            Path out, Runtimes.Server server, String url, HealthzSampler healthz) throws Exception {
        long cpu = ProcessStats.cpuMicros(server.pid());
        long switches = ProcessStats.contextSwitches(server.pid());
        MachineLoad machine = MachineLoad.start();
        JsonObject load = Wrk.run(url, LOAD, out);
        if (healthz != null) {
            load.put("healthz", healthz.stop());
        }
        double requests = load.getDouble("requests");
        return load.put("machine", machine.stop())
                .put(
                        "serverCpuMicrosPerRequest",
                        (ProcessStats.cpuMicros(server.pid()) - cpu) / requests)
                .put(
                        "contextSwitchesPerRequest",
                        (ProcessStats.contextSwitches(server.pid()) - switches) / requests);
    }

    /**
     * Median and each run of deploy-to-first-successful-invoke, with a fresh module each run, on a
     * server that has finished compiling what the run before left it.
     */
    private static JsonObject cold(Runtimes.Server server, int bytes) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            byte[] module = SizedModules.of(bytes, 1_000_000 + bytes + i);
            ProcessStats.awaitQuiet(server.pid());
            long start = System.nanoTime();
            String id = server.api().deploy("cold-" + bytes + "-" + i, module);
            server.api().invoke(id, "{\"export\":\"run\",\"args\":[1]}");
            runs.add((System.nanoTime() - start) / 1e6);
        }
        return new JsonObject()
                .put("moduleBytes", SizedModules.of(bytes, 1_000_000 + bytes).length)
                .put("medianMillis", StartTimes.median(runs))
                .put("runsMillis", new JsonArray(runs));
    }
}
