package io.tensorwasm.ops.launcher;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The ports of the alert loop's four parts, one set of options shared by {@code twops start} and
 * {@code twops demo} (a picocli mixin), so their names and defaults are written once.
 */
final class LoopPorts {

    @Option(
            names = "--runtime-port",
            defaultValue = "8080",
            description = "Runtime port (default: ${DEFAULT-VALUE}).")
    int runtime;

    @Option(
            names = "--console-port",
            defaultValue = "8090",
            description = "Console port (default: ${DEFAULT-VALUE}).")
    int console;

    @Option(
            names = "--prometheus-port",
            defaultValue = "9090",
            description = "Port of the Prometheus it starts (default: ${DEFAULT-VALUE}).")
    int prometheus;

    @Option(
            names = "--alertmanager-port",
            defaultValue = "9093",
            description = "Port of the Alertmanager it starts (default: ${DEFAULT-VALUE}).")
    int alertmanager;

    /** The same ports as command-line arguments, for a command that starts the loop in turn. */
    List<String> arguments() {
        return List.of(
                "--runtime-port", Integer.toString(runtime),
                "--console-port", Integer.toString(console),
                "--prometheus-port", Integer.toString(prometheus),
                "--alertmanager-port", Integer.toString(alertmanager));
    }
}
