package io.tensorwasm.ops.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Puts the results of JMH benchmarks run again ({@code bench/run --jmh PATTERN}, say after a busy
 * machine) in place of the same benchmarks' results of the last run, and records in machine.json
 * the load the re-run began at, so the report shows it and flags it as it flags the run.
 *
 * <pre>{@code
 * java -cp ... io.tensorwasm.ops.bench.JmhRerun target/bench jmh-rerun.json PATTERN LOAD1 START
 * }</pre>
 */
public final class JmhRerun {

    private JmhRerun() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        JsonArray rerun = new JsonArray(Files.readString(dir.resolve(args[1])));
        Path file = dir.resolve("jmh.json");
        JsonArray all = new JsonArray(Files.readString(file));
        for (int i = 0; i < rerun.size(); i++) {
            JsonObject result = rerun.getJsonObject(i);
            int at = indexOf(all, result.getString("benchmark"));
            if (at < 0) {
                all.add(result);
            } else {
                all.set(at, result);
            }
        }
        Files.writeString(file, all.encodePrettily());
        Path machineFile = dir.resolve("machine.json");
        JsonObject machine = new JsonObject(Files.readString(machineFile));
        JsonObject reruns = machine.getJsonObject("jmhReruns", new JsonObject());
        reruns.put(
                args[2],
                new JsonObject()
                        .put("loadBefore", Double.parseDouble(args[3]))
                        .put("at", args[4])
                        .put("benchmarks", rerun.size()));
        Files.writeString(machineFile, machine.put("jmhReruns", reruns).encodePrettily());
        System.out.println("jmh: " + rerun.size() + " results of " + args[2] + " replaced");
    }

    private static int indexOf(JsonArray results, String benchmark) {
        for (int i = 0; i < results.size(); i++) {
            if (results.getJsonObject(i).getString("benchmark").equals(benchmark)) {
                return i;
            }
        }
        return -1;
    }
}
