package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.launcher.drill.DrillOptions;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code twops demo}: the whole loop with the test profile's short windows, and one real incident
 * driven end to end while the terminal shows each event with its time since the fault.
 *
 * <pre>{@code
 * twops demo                           # a 5xx fault, the alert, the runbook's restart cures it
 * twops demo --fault-survives-restart  # the cure fails: escalation through a local rotation
 * twops demo --exit                    # stop the loop when the story ends
 * }</pre>
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Start the loop (runtime, Prometheus, Alertmanager, console) with the test profile's"
                    + " short alert windows and fault injection, then drive one incident end to"
                    + " end: invokes fail, TensorWasmAvailabilityFastBurn fires, Alertmanager"
                    + " delivers it, the console opens an incident and runs"
                    + " availability-fast-burn, whose restart cures the fault; the incident"
                    + " resolves. Each event is shown with its time since the fault. About 2"
                    + " minutes.",
            "The demo's files live in its own data directory, emptied at every start. Its"
                    + " rotation pages three JSON webhooks that this process serves and shows."
        })
final class DemoCommand implements Callable<Integer> {

    static final String FAST_BURN = "TensorWasmAvailabilityFastBurn";

    /** The add module that the fast-burn runbook's canary step deploys: {@code add(i32, i32)}. */
    static final String ADDER = "AGFzbQEAAAABBwFgAn9/AX8DAgEABwcBA2FkZAAACgkBBwAgACABags=";

    @Mixin LoopPorts ports;

    @Option(
            names = "--data-dir",
            defaultValue = "data/demo",
            description =
                    "The demo's own data directory, emptied first (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--fault-survives-restart",
            description =
                    "The runtime fails from its start and after every restart: the runbook's"
                            + " check fails, the incident escalates through the rotation (ack"
                            + " timeout 3s) and nobody acknowledges.")
    boolean faultSurvivesRestart;

    @Option(
            names = "--exit",
            description = "Stop the loop when the incident ends, instead of waiting for Ctrl-C.")
    boolean exit;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = DrillOptions.DurationConverter.class,
            description = "How long to wait for the incident to end (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> running = emptyDataDir();
        if (running.isPresent()) {
            err.println("twops demo: " + running.get());
            err.flush();
            return 1;
        }
        Optional<String> missing = missingMonitoring();
        if (missing.isPresent()) {
            err.println("twops demo: the demo needs " + missing.get());
            err.flush();
            return 1;
        }
        DemoEvents events = new DemoEvents(out);
        try (DemoPager pager =
                DemoPager.start(
                        dataDir.resolve("pages.jsonl"),
                        page -> events.show(Instant.now(), "pager", page))) {
            StartCommand start = startCommand(pager);
            Loop loop;
            try {
                loop = start.launch();
            } catch (IllegalStateException e) {
                err.println("twops demo: " + e.getMessage());
                err.flush();
                return 1;
            }
            start.report(loop);
            boolean ended = new DemoStory(loop, events, faultSurvivesRestart).play(timeout);
            if (exit || !ended) {
                loop.close();
                return ended ? 0 : 1;
            }
            events.say("The loop keeps running so you can look around; Ctrl-C stops it.");
            loop.awaitStop();
            return 0;
        }
    }

    /** Why Prometheus or Alertmanager cannot start here, if one cannot. */
    private static Optional<String> missingMonitoring() {
        return Stream.of(Binaries.PROMETHEUS, Binaries.ALERTMANAGER)
                .filter(binaries -> binaries.locate().isEmpty())
                .map(Binaries::missing)
                .findFirst();
    }

    /** Empties the data directory, unless a part of an earlier demo still runs from it. */
    private Optional<String> emptyDataDir() throws IOException {
        for (String part : List.of("runtime", "prometheus", "alertmanager")) {
            Path pidFile = dataDir.resolve(part + ".pid");
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return Optional.of(
                            "a demo still runs from "
                                    + dataDir
                                    + " ("
                                    + part
                                    + " is pid "
                                    + pid
                                    + "); stop it with Ctrl-C first");
                }
            }
        }
        if (Files.exists(dataDir)) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                List<Path> all = new ArrayList<>(files.toList());
                for (int i = all.size() - 1; i >= 0; i--) {
                    Files.delete(all.get(i));
                }
            }
        }
        PrivateFiles.directory(dataDir);
        return Optional.empty();
    }

    /** {@code twops start} with the test profile, the demo's rotation and fault injection. */
    private StartCommand startCommand(DemoPager pager) {
        Path rotations =
                PrivateFiles.write(
                        dataDir.resolve("rotations.yml"),
                        pager.rotationFile(faultSurvivesRestart ? "3s" : "10m"));
        StartCommand start = new StartCommand();
        new CommandLine(start)
                .setOut(spec.commandLine().getOut())
                .setErr(spec.commandLine().getErr())
                .parseArgs(
                        Stream.concat(
                                        ports.arguments().stream(),
                                        Stream.of(
                                                "--data-dir",
                                                dataDir.toString(),
                                                "--alert-profile",
                                                "test",
                                                "--rotations",
                                                rotations.toString(),
                                                "--escalation-sweep",
                                                "1s"))
                                .toArray(String[]::new));
        start.runtimeEnvironment =
                faultSurvivesRestart
                        ? Map.of(
                                "TENSOR_WASM_FAULTS", "enabled",
                                "TENSOR_WASM_FAULT_INVOKE_ERROR_RATE", "1.0")
                        : Map.of("TENSOR_WASM_FAULTS", "enabled");
        return start;
    }
}
