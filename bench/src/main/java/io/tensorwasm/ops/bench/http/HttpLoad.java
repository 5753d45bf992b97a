package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.bench.MachineLoad;
import io.tensorwasm.ops.bench.Profile;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The HTTP benchmark and the load harness: wrk against the bare route and against the runtime's
 * invoke of {@code ok}, {@code /healthz} sampled during the runtime's load, server CPU per request,
 * a JFR profile of the runtime under load, RSS with 100 functions deployed, and the cold path from
 * deploy to first invoke for a 10 KB and a 1 MB module. Each server runs in a JVM of its own.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.http.HttpLoad target/bench
 * }</pre>
 */
public final class HttpLoad {

    static final Duration WARMUP = Duration.ofSeconds(5);
    static final Duration LOAD = Duration.ofSeconds(15);
    static final int FUNCTIONS = 100;
    static final int COLD_RUNS = 3;

    private HttpLoad() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]).toAbsolutePath();
        Files.createDirectories(out);
        JsonObject result =
                new JsonObject()
                        .put(
                                "wrk",
                                "wrk -t"
                                        + Wrk.THREADS
                                        + " -c"
                                        + Wrk.CONNECTIONS
                                        + " -d"
                                        + LOAD.toSeconds()
                                        + "s --latency")
                        .put("bare", bare(out))
                        .put("runtime", runtime(out));
        Files.writeString(out.resolve("http.json"), result.encodePrettily());
        System.out.println("http: " + result.encode());
    }

    private static JsonObject bare(Path out) throws Exception {
        int port = FreePort.next();
        try (ManagedProcess server = server(out, List.of("bare", Integer.toString(port)))) {
            URI base = URI.create("http://127.0.0.1:" + port);
            server.awaitHttpOk(base.resolve("/healthz"), Duration.ofSeconds(60));
            String url = base + "/functions/fn_bare/invoke";
            Wrk.run(url, WARMUP, out);
            long cpu = ProcessStats.cpuMicros(server.pid());
            long switches = ProcessStats.contextSwitches(server.pid());
            MachineLoad machine = MachineLoad.start();
            JsonObject load = Wrk.run(url, LOAD, out);
            return perRequest(load, ProcessStats.cpuMicros(server.pid()) - cpu)
                    .put(
                            "contextSwitchesPerRequest",
                            (ProcessStats.contextSwitches(server.pid()) - switches)
                                    / load.getDouble("requests"))
                    .put("machine", machine.stop());
        }
    }

    private static JsonObject runtime(Path out) throws Exception {
        int port = FreePort.next();
        Path data = out.resolve("runtime-data");
        ProcessStats.deleteTree(data);
        try (ManagedProcess server =
                server(out, List.of("runtime", Integer.toString(port), data.toString()))) {
            Api api = new Api(URI.create("http://127.0.0.1:" + port));
            server.awaitHttpOk(api.uri("/healthz"), Duration.ofSeconds(60));
            JsonObject result = new JsonObject();
            result.put("rssIdleMib", ProcessStats.rssMib(server.pid()));
            for (int i = 0; i < FUNCTIONS; i++) {
                api.deploy("fn-" + i, SizedModules.of(10 * 1024, i));
            }
            result.put("rssWithFunctionsMib", ProcessStats.rssMib(server.pid()));
            result.put("functions", FUNCTIONS);
            result.put(
                    "cold",
                    new JsonObject()
                            .put("10KB", cold(api, 10 * 1024))
                            .put("1MB", cold(api, 1024 * 1024)));
            result.put("load", load(out, server, api));
            return result;
        }
    }

    private static JsonObject load(Path out, ManagedProcess server, Api api) throws Exception {
        String url =
                api.uri("/functions/" + api.deploy("ok", WasmCorpus.bytes("ok")) + "/invoke")
                        .toString();
        Wrk.run(url, WARMUP, out);
        Path recording = out.resolve("runtime-load.jfr");
        Files.deleteIfExists(recording);
        ProcessStats.jcmd(server.pid(), "JFR.start", "name=load", "settings=profile");
        long cpu = ProcessStats.cpuMicros(server.pid());
        long switches = ProcessStats.contextSwitches(server.pid());
        MachineLoad machine = MachineLoad.start();
        HealthzSampler healthz = HealthzSampler.start(api);
        JsonObject load = Wrk.run(url, LOAD, out);
        JsonObject healthzLatency = healthz.stop();
        long used = ProcessStats.cpuMicros(server.pid()) - cpu;
        load.put(
                "contextSwitchesPerRequest",
                (ProcessStats.contextSwitches(server.pid()) - switches)
                        / load.getDouble("requests"));
        load.put("machine", machine.stop());
        ProcessStats.jcmd(server.pid(), "JFR.dump", "name=load", "filename=" + recording);
        ProcessStats.jcmd(server.pid(), "JFR.stop", "name=load");
        return perRequest(load, used)
                .put("healthz", healthzLatency)
                .put("profile", Profile.summarize(recording, 12));
    }

    /** Median and each run of deploy-to-first-successful-invoke, with a fresh module each run. */
    private static JsonObject cold(Api api, int bytes) throws Exception {
        List<Double> runs = new ArrayList<>();
        for (int i = 0; i < COLD_RUNS; i++) {
            byte[] module = SizedModules.of(bytes, 1_000 + bytes + i);
            long start = System.nanoTime();
            String id = api.deploy("cold-" + bytes + "-" + i, module);
            api.invoke(id, "{\"export\":\"run\",\"args\":[1]}");
            runs.add((System.nanoTime() - start) / 1e6);
        }
        List<Double> sorted = runs.stream().sorted().toList();
        return new JsonObject()
                .put("moduleBytes", SizedModules.of(bytes, 1_000 + bytes).length)
                .put("medianMillis", sorted.get(sorted.size() / 2))
                .put("runsMillis", new JsonArray(runs));
    }

    private static JsonObject perRequest(JsonObject load, long cpuMicros) {
        return load.put("serverCpuMicrosPerRequest", cpuMicros / load.getDouble("requests"));
    }

    private static ManagedProcess server(Path out, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
        command.add(BenchServer.class.getName());
        command.addAll(args);
        return ManagedProcess.start("bench-" + args.get(0), command, out);
    }
}
