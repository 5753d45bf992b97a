package io.tensorwasm.ops.bench.http;

import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.ManagedProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The bench's servers, each in a JVM of its own with {@code -Xmx1g}, as the harness starts them.
 */
final class Runtimes {

    private Runtimes() {}

    /** A server process and the API to it; closing it stops the process. */
    record Server(ManagedProcess process, Api api) implements AutoCloseable {

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** The runtime on a data directory, answering; {@code quota} functions per tenant, or 0. */
    static Server start(Path out, Path data, int quota) throws IOException {
        int port = FreePort.next();
        List<String> args = new ArrayList<>(List.of("runtime", Integer.toString(port)));
        args.add(data.toString());
        if (quota > 0) {
            args.add(Integer.toString(quota));
        }
        return answering(out, args, port);
    }

    /** The bare Vert.x route, answering. */
    static Server bare(Path out) throws IOException {
        int port = FreePort.next();
        return answering(out, List.of("bare", Integer.toString(port)), port);
    }

    private static Server answering(Path out, List<String> args, int port) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path")));
        command.add(BenchServer.class.getName());
        command.addAll(args);
        ManagedProcess process = ManagedProcess.start("bench-" + args.get(0), command, out);
        try {
            Api api = new Api(URI.create("http://127.0.0.1:" + port));
            process.awaitHttpOk(api.uri("/healthz"), Duration.ofSeconds(120));
            return new Server(process, api);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }
}
