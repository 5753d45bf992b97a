package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.engine.store.ExecutionStore;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code twops runbook kill-switch engage|release|status}: automatic runs off or on, everywhere.
 */
@Command(
        name = "kill-switch",
        mixinStandardHelpOptions = true,
        description =
                "Turn automatic runs off (engage) or on (release) for every node, or show it.")
final class KillSwitchCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin EngineOptions options;

    @Parameters(paramLabel = "ACTION", description = "engage, release or status.")
    String action;

    @Option(
            names = "--as",
            description = "Who (default: ${DEFAULT-VALUE}).",
            defaultValue = "${env:USER:-operator}")
    String person;

    @Option(names = "--reason", description = "Why (required to engage).", defaultValue = "")
    String reason;

    @Override
    public Integer call() {
        try (ExecutionStore store = options.store()) {
            switch (action) {
                case "engage" -> {
                    if (reason.isBlank()) {
                        throw new IllegalArgumentException("engage needs --reason");
                    }
                    store.engageKillSwitch(person, reason, Instant.now());
                }
                case "release" -> store.releaseKillSwitch(person, Instant.now());
                case "status" -> {}
                default ->
                        throw new IllegalArgumentException(
                                action + ": use engage, release or status");
            }
            spec.commandLine()
                    .getOut()
                    .println(
                            "kill switch "
                                    + (store.killSwitchEngaged()
                                            ? "engaged: automatic runs are off"
                                            : "released: automatic runs are on"));
            return 0;
        } catch (RuntimeException e) {
            return RunbookCommand.fail(spec, e);
        }
    }
}
