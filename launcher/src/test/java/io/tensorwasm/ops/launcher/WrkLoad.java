package io.tensorwasm.ops.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tensorwasm.ops.testkit.ManagedProcess;
import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Continuous invoke load with wrk: two connections, each pausing 50 ms between requests, so at most
 * 40 requests a second reach the fleet: under one replica's per-tenant rate limit (50/s), so a
 * refusal is a failure, not the limit. It runs until stopped with SIGINT, when a Lua {@code done}
 * hook writes what wrk counted as one JSON line, with the refusals by status class.
 */
final class WrkLoad implements AutoCloseable {

    private final ManagedProcess wrk;
    private Result result;

    /**
     * What wrk counted.
     *
     * @param requests responses received
     * @param non2xx responses with a status outside 2xx and 3xx
     * @param limited of those, 429 (the rate limit)
     * @param serverErrors of those, 5xx (HAProxy's 502/503 included)
     * @param socketErrors connect, read, write and timeout errors
     */
    record Result(long requests, long non2xx, long limited, long serverErrors, long socketErrors) {}

    WrkLoad(Path dir, URI invoke, String token) throws IOException {
        Path script = dir.resolve("invoke.lua");
        Files.writeString(
                script,
                "wrk.method = \"POST\"\n"
                        + "wrk.body = '{\"export\":\"add\",\"args\":[2,3]}'\n"
                        + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                        + "wrk.headers[\"Authorization\"] = \"Bearer "
                        + token
                        + "\"\n"
                        + "local threads = {}\n"
                        + "function setup(thread) table.insert(threads, thread) end\n"
                        + "limited = 0\n"
                        + "server = 0\n"
                        + "function delay() return 50 end\n"
                        + "function response(status, headers, body)\n"
                        + "  if status == 429 then limited = limited + 1 end\n"
                        + "  if status >= 500 then server = server + 1 end\n"
                        + "end\n"
                        + "done = function(s, latency, requests)\n"
                        + "  local l, e = 0, 0\n"
                        + "  for _, t in ipairs(threads) do\n"
                        + "    l = l + t:get(\"limited\"); e = e + t:get(\"server\")\n"
                        + "  end\n"
                        + "  io.write(string.format('WRK {\"requests\":%d,\"non2xx\":%d,"
                        + "\"limited\":%d,\"server\":%d,\"socket\":%d}\\n', s.requests,"
                        + " s.errors.status, l, e, s.errors.connect + s.errors.read"
                        + " + s.errors.write + s.errors.timeout))\n"
                        + "end\n");
        wrk =
                ManagedProcess.start(
                        "wrk",
                        List.of(
                                Tools.system().locate(Tool.WRK).toString(),
                                "-t1",
                                "-c2",
                                "-d600s",
                                "--timeout",
                                "10s",
                                "-s",
                                script.toString(),
                                invoke.toString()),
                        dir);
    }

    /** Stops the load with SIGINT and reads wrk's summary. */
    Result stop() throws IOException, InterruptedException {
        FleetLoop.signal("INT", wrk.pid());
        for (int i = 0; i < 300 && wrk.isAlive(); i++) {
            Thread.sleep(100);
        }
        String log = Files.readString(wrk.log());
        if (!log.contains("WRK {")) {
            throw new AssertionError("wrk printed no summary after SIGINT:\n" + log);
        }
        String line = log.substring(log.indexOf("WRK {") + 4).lines().findFirst().orElseThrow();
        JsonNode json = new ObjectMapper().readTree(line);
        result =
                new Result(
                        json.get("requests").asLong(),
                        json.get("non2xx").asLong(),
                        json.get("limited").asLong(),
                        json.get("server").asLong(),
                        json.get("socket").asLong());
        return result;
    }

    /** The whole of wrk's output, for a failure's message. */
    String output() throws IOException {
        return Files.readString(wrk.log());
    }

    @Override
    public void close() {
        wrk.close();
    }
}
