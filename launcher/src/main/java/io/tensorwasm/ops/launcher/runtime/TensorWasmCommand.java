package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.launcher.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tensor-wasm}: the runtime's command line, as the seed runbooks call it.
 *
 * <pre>{@code
 * tensor-wasm --version        # v0.1.0
 * }</pre>
 */
@Command(
        name = "tensor-wasm",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "The TensorWasm function server and its operator tools.",
        subcommands = {CommandLine.HelpCommand.class})
public final class TensorWasmCommand implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new TensorWasmCommand()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
