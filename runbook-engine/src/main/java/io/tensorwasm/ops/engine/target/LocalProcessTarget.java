package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Durations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A target that is a local process: started from a command, tracked by a pid file, stopped with
 * SIGTERM and then SIGKILL after a grace period, and ready when its health URL answers 200. The
 * process outlives the JVM that started it, as a service would. It gets a minimal environment
 * ({@link Commands#environment}), the variables this process passes on by name ({@link
 * Builder#inherit}) and those it is given, never this process's whole environment (issue #16).
 */
public final class LocalProcessTarget implements TargetAdapter {

    private final List<String> command;
    private final Map<String, String> environment;
    private final Predicate<String> inherited;
    private final Path directory;
    private final Path pidFile;
    private final Path logFile;
    private final URI healthUrl;
    private final Duration startTimeout;
    private final Duration stopGrace;
    private final Releases releases;
    private final Path configFile;
    private final List<String> tool;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private LocalProcessTarget(Builder b) {
        this.command = List.copyOf(Objects.requireNonNull(b.command, "command"));
        this.environment = Map.copyOf(b.environment);
        this.inherited = b.inherited;
        this.directory = b.directory == null ? Path.of(".") : b.directory;
        this.pidFile = Objects.requireNonNull(b.pidFile, "pidFile");
        this.logFile =
                b.logFile == null
                        ? pidFile.resolveSibling(pidFile.getFileName() + ".log")
                        : b.logFile;
        this.healthUrl = b.healthUrl;
        this.startTimeout = b.startTimeout;
        this.stopGrace = b.stopGrace;
        this.releases = b.releases == null ? null : new Releases(b.releases);
        this.configFile = b.configFile;
        this.tool =
                b.tool != null
                        ? List.copyOf(b.tool)
                        : releases == null
                                ? List.of()
                                : List.of(releases.currentProgram().toString());
    }

    /** Starts describing a local process. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CommandResult perform(Action.Operation operation, String argument) {
        Optional<String> manual = manual(operation);
        if (manual.isPresent()) {
            return new CommandResult(1, operation.word() + " is manual here: " + manual.get());
        }
        return switch (operation) {
            case START -> start();
            case STOP -> stop();
            case RESTART -> restart();
            case STATUS -> status();
            case LOGS -> logs();
            case VERSION ->
                    Commands.run(
                            List.of(releases.currentProgram().toString(), "--version"),
                            directory,
                            childEnvironment(),
                            Duration.ofMinutes(1));
            case UPGRADE -> upgrade(argument);
            case ROLLBACK -> rollback();
            case CONFIG_SAVE -> copy(configFile, saved(), "saved");
            case CONFIG_RESTORE -> copy(saved(), configFile, "restored");
            case AUDIT_ARCHIVE -> runtimeTool("audit", "archive");
            case AUDIT_VERIFY -> runtimeTool("audit", "verify");
            case THREADS -> threads();
            case DRAIN, READY -> throw new IllegalStateException("manual: " + operation);
        };
    }

    @Override
    public Optional<String> manual(Action.Operation operation) {
        return switch (operation) {
            case VERSION, UPGRADE, ROLLBACK ->
                    releases == null
                            ? Optional.of(
                                    "this local process has no releases folder (current and"
                                            + " previous links), so install or swap the release by"
                                            + " hand")
                            : Optional.empty();
            case CONFIG_SAVE, CONFIG_RESTORE ->
                    configFile == null
                            ? Optional.of(
                                    "this local process has no configuration file; its settings"
                                            + " are the variables it was started with")
                            : Optional.empty();
            case AUDIT_ARCHIVE, AUDIT_VERIFY ->
                    tool.isEmpty()
                            ? Optional.of(
                                    "no tensor-wasm command is configured for this local process;"
                                            + " run tensor-wasm audit by hand")
                            : Optional.empty();
            case DRAIN, READY ->
                    Optional.of(
                            "no load balancer stands in front of a local process; its callers"
                                    + " reach it directly");
            default -> Optional.empty();
        };
    }

    private CommandResult upgrade(String release) {
        if (!releases.installed(release)) {
            return new CommandResult(
                    1,
                    release
                            + " is not installed: no "
                            + releases.program(release)
                            + "; unpack it there first");
        }
        CommandResult version =
                Commands.run(
                        List.of(releases.program(release).toString(), "--version"),
                        directory,
                        childEnvironment(),
                        Duration.ofMinutes(1));
        if (!version.ok() || !version.output().strip().equals(release)) {
            return new CommandResult(
                    1,
                    releases.program(release)
                            + " --version printed \""
                            + version.output().strip()
                            + "\", not "
                            + release);
        }
        Optional<String> running = releases.release(Releases.CURRENT);
        if (running.isEmpty()) {
            return new CommandResult(
                    1, releases + "/current: no link to the running release; install by hand");
        }
        return releases.swap(
                this, release, running, "upgraded from " + running.get() + " to " + release);
    }

    private CommandResult rollback() {
        Optional<String> previous = releases.release(Releases.PREVIOUS);
        Optional<String> running = releases.release(Releases.CURRENT);
        if (previous.isEmpty() || !releases.installed(previous.get())) {
            return new CommandResult(
                    1,
                    releases
                            + "/previous: no previous release is installed; nothing to roll back"
                            + " to (an upgrade records it)");
        }
        return releases.swap(
                this,
                previous.get(),
                running,
                "rolled back from " + running.orElse("no release") + " to " + previous.get());
    }

    private Path saved() {
        return configFile.resolveSibling(configFile.getFileName() + ".saved");
    }

    private static CommandResult copy(Path from, Path to, String verb) {
        if (!Files.isRegularFile(from)) {
            return new CommandResult(1, from + ": no such file; nothing " + verb);
        }
        try {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
            DataFiles.ownerOnly(to);
            return new CommandResult(0, verb + " " + from + " as " + to);
        } catch (IOException e) {
            return new CommandResult(1, to + ": cannot write: " + e.getMessage());
        }
    }

    /** The runtime's own command line for this process, with its environment. */
    private CommandResult runtimeTool(String... arguments) {
        List<String> command = new ArrayList<>(tool);
        command.addAll(List.of(arguments));
        return Commands.run(command, directory, childEnvironment(), Duration.ofMinutes(5));
    }

    private CommandResult threads() {
        Optional<ProcessHandle> live = running();
        if (live.isEmpty()) {
            return new CommandResult(3, "not running; no thread dump");
        }
        CommandResult sent =
                Commands.run(
                        List.of("kill", "-QUIT", Long.toString(live.get().pid())),
                        null,
                        Duration.ofSeconds(10));
        return sent.ok()
                ? new CommandResult(
                        0, "thread dump of pid " + live.get().pid() + " written to " + logFile)
                : sent;
    }

    /** The pid of the running process, if the pid file names a live one. */
    public Optional<ProcessHandle> running() {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException ignored) {
            return Optional.empty();
        }
    }

    private CommandResult start() {
        Optional<ProcessHandle> live = running();
        if (live.isPresent()) {
            return new CommandResult(0, "already running, pid " + live.get().pid());
        }
        Process process;
        try {
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command)
                            .directory(directory.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().clear();
            builder.environment().putAll(childEnvironment());
            process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            return new CommandResult(1, command.get(0) + ": cannot start: " + e.getMessage());
        }
        if (healthUrl == null) {
            return new CommandResult(0, "started pid " + process.pid());
        }
        return awaitHealth(process);
    }

    private Map<String, String> childEnvironment() {
        Map<String, String> passed = new LinkedHashMap<>();
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (inherited.test(name)) {
                                passed.put(name, value);
                            }
                        });
        passed.putAll(environment);
        if (configFile != null && Files.isRegularFile(configFile)) {
            passed.putAll(EnvFile.read(configFile));
        }
        return Commands.environment(passed);
    }

    private CommandResult awaitHealth(Process process) {
        Instant start = Instant.now();
        Instant deadline = start.plus(startTimeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return new CommandResult(
                        1,
                        "pid "
                                + process.pid()
                                + " exited with code "
                                + process.exitValue()
                                + " before "
                                + healthUrl
                                + " answered; see "
                                + logFile
                                + lastLogLine());
            }
            if (healthy()) {
                long millis = Duration.between(start, Instant.now()).toMillis();
                return new CommandResult(
                        0,
                        "started pid "
                                + process.pid()
                                + "; "
                                + healthUrl
                                + " answered 200 after "
                                + millis
                                + " ms");
            }
            pause(Duration.ofMillis(100));
        }
        return new CommandResult(
                1,
                "started pid "
                        + process.pid()
                        + " but "
                        + healthUrl
                        + " did not answer 200 within "
                        + Durations.format(startTimeout));
    }

    private boolean healthy() {
        HttpRequest request =
                HttpRequest.newBuilder(healthUrl).timeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException ignored) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The last line the process wrote, as ": LINE", or empty. */
    private String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return ": " + lines.get(i).strip();
                }
            }
        } catch (IOException ignored) {
            // The pointer to the log above still says where to look.
        }
        return "";
    }

    private CommandResult stop() {
        Optional<ProcessHandle> live = running();
        if (live.isEmpty()) {
            deletePidFile();
            return new CommandResult(0, "not running");
        }
        ProcessHandle process = live.get();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        String how = "SIGTERM";
        if (!exits(process, stopGrace)) {
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            how = "SIGKILL after " + Durations.format(stopGrace);
            if (!exits(process, Duration.ofSeconds(10))) {
                return new CommandResult(1, "pid " + process.pid() + " survived SIGKILL");
            }
        }
        deletePidFile();
        return new CommandResult(0, "stopped pid " + process.pid() + " (" + how + ")");
    }

    private CommandResult restart() {
        CommandResult stopped = stop();
        if (!stopped.ok()) {
            return stopped;
        }
        CommandResult started = start();
        return new CommandResult(started.exitCode(), stopped.output() + "; " + started.output());
    }

    private CommandResult status() {
        return running()
                .map(p -> new CommandResult(0, "running, pid " + p.pid()))
                .orElse(new CommandResult(3, "not running"));
    }

    private CommandResult logs() {
        if (!Files.isRegularFile(logFile)) {
            return new CommandResult(0, "");
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return new CommandResult(
                    0,
                    String.join("\n", lines.subList(Math.max(0, lines.size() - 50), lines.size())));
        } catch (IOException e) {
            throw new UncheckedIOException(logFile + ": cannot read", e);
        }
    }

    private static boolean exits(ProcessHandle process, Duration within) {
        try {
            process.onExit().get(within.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException ignored) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("pid " + process.pid() + ": cannot wait for exit", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void deletePidFile() {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(pidFile + ": cannot delete", e);
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "local process " + String.join(" ", command) + " (pid file " + pidFile + ")";
    }

    /** How to start, track and check the process. */
    public static final class Builder {
        private List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Predicate<String> inherited = name -> false;
        private Path directory;
        private Path pidFile;
        private Path logFile;
        private URI healthUrl;
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopGrace = Duration.ofSeconds(10);
        private Path releases;
        private Path configFile;
        private List<String> tool;

        private Builder() {}

        /** The command that starts it, run without a shell. */
        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        /**
         * Environment variables it is given, e.g. the runtime's tokens. They are never part of
         * {@link #describe()} or any result, since they may hold secrets.
         */
        public Builder environment(Map<String, String> variables) {
            this.environment.putAll(variables);
            return this;
        }

        /**
         * Which of this process's variables it gets besides PATH, HOME, LANG, LC_ALL and TZ, by
         * name (default: none), e.g. the runtime's own {@code TENSOR_WASM_*} settings.
         */
        public Builder inherit(Predicate<String> names) {
            this.inherited = names;
            return this;
        }

        /** Its working directory (default: the current one). */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /** Where its pid is kept. */
        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        /** Where its output goes (default: beside the pid file). */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /** The URL that answers 200 once it serves; without one, start returns at once. */
        public Builder healthUrl(URI healthUrl) {
            this.healthUrl = healthUrl;
            return this;
        }

        /** How long start waits for health (default 30 s). */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /**
         * The folder of installed releases ({@code VERSION/bin/tensor-wasm}, links {@code current}
         * and {@code previous}); with it, version, upgrade and rollback run here. The command
         * should start {@code FOLDER/current/bin/tensor-wasm}.
         */
        public Builder releases(Path folder) {
            this.releases = folder;
            return this;
        }

        /**
         * An env file ({@code KEY=VALUE} lines, as systemd's {@code EnvironmentFile=}) read at
         * every start after the other variables; config save and restore copy it.
         */
        public Builder configFile(Path file) {
            this.configFile = file;
            return this;
        }

        /**
         * The runtime's command line for this process, for audit archive and verify (default: the
         * current release's {@code bin/tensor-wasm}), run with the process's environment.
         */
        public Builder tool(List<String> command) {
            this.tool = command;
            return this;
        }

        /** How long stop waits after SIGTERM before SIGKILL (default 10 s). */
        public Builder stopGrace(Duration stopGrace) {
            this.stopGrace = stopGrace;
            return this;
        }

        /** The target. */
        public LocalProcessTarget build() {
            return new LocalProcessTarget(this);
        }
    }
}
