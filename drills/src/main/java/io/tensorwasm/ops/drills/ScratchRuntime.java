package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.target.CommandResult;
import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A throwaway runtime for the rehearsal: {@code tensor-wasm serve} of this build on a free loopback
 * port with its own data directory, driven by the engine's local process target, so it starts,
 * stops and is killed exactly as {@code twops start}'s runtime is.
 */
final class ScratchRuntime implements AutoCloseable {

    private final List<String> cli;
    private final Path home;
    private final int port;
    private LocalProcessTarget process;

    ScratchRuntime(List<String> cli, Path home) {
        this.cli = List.copyOf(cli);
        this.home = home;
        this.port = freePort();
    }

    /** Its base URL. */
    URI url() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Its data directory: the registry and the audit key. */
    Path dataDir() {
        return home.resolve("data");
    }

    /** Where its audit log goes: outside the data directory, like a shipped log. */
    Path auditLog() {
        return home.resolve("audit.log");
    }

    /** Starts it with the admin token and waits for {@code /healthz}. */
    CommandResult start(String adminToken) {
        List<String> command = new ArrayList<>(cli);
        command.addAll(
                List.of(
                        "serve",
                        "--bind",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        dataDir().toString()));
        process =
                LocalProcessTarget.builder()
                        .command(command)
                        .environment(
                                Map.of(
                                        "TENSOR_WASM_API_TOKENS", adminToken + ":tenant=*",
                                        "TENSOR_WASM_API_AUDIT_LOG", "file:" + auditLog()))
                        .directory(home)
                        .pidFile(home.resolve("runtime.pid"))
                        .logFile(home.resolve("runtime.log"))
                        .healthUrl(url().resolve("/healthz"))
                        .startTimeout(Duration.ofSeconds(90))
                        .build();
        return process.perform(Action.Operation.START);
    }

    /** Stops it with SIGTERM, as an operator's restart would. */
    CommandResult stop() {
        return process == null
                ? new CommandResult(0, "not started")
                : process.perform(Action.Operation.STOP);
    }

    /** Kills it with SIGKILL and waits for it to be gone: the storage vanished under it. */
    String kill() throws InterruptedException {
        Optional<ProcessHandle> live = process == null ? Optional.empty() : process.running();
        if (live.isPresent()) {
            live.get().destroyForcibly();
            try {
                live.get().onExit().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("pid " + live.get().pid() + " survived SIGKILL", e);
            }
        }
        try {
            Files.deleteIfExists(home.resolve("runtime.pid"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + home.resolve("runtime.pid"), e);
        }
        return live.map(p -> "killed pid " + p.pid() + " (SIGKILL)").orElse("it was not running");
    }

    /** Destroys the data directory: lost storage. */
    void destroyData() {
        delete(dataDir());
    }

    /** Stops it if it runs and deletes everything it had. */
    @Override
    public void close() {
        stop();
        delete(home);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for a scratch runtime", e);
        }
    }
}
