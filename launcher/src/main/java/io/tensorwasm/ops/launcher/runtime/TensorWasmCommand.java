package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.launcher.Version;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tensor-wasm}: the runtime's command line, as the seed runbooks call it.
 *
 * <pre>{@code
 * tensor-wasm --version                                  # v0.1.0
 * tensor-wasm serve --port 8080                          # tensor-wasm listening on http://127.0.0.1:8080
 * tensor-wasm observe --server http://127.0.0.1:8080 --once --json
 * TENSOR_WASM_TOKEN=... tensor-wasm deploy adder add.wasm   # prints the function id
 * TENSOR_WASM_TOKEN=... tensor-wasm backup --out backup.zip
 * tensor-wasm restore --data-dir data/runtime backup.zip
 * tensor-wasm audit verify                                # audit chain verified: segments 1 to 7, ...
 * }</pre>
 */
@Command(
        name = "tensor-wasm",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "The TensorWasm function server and its operator tools.",
        subcommands = {
            ServeCommand.class,
            ObserveCommand.class,
            DeployCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            AuditCommand.class,
            CommandLine.HelpCommand.class
        })
public final class TensorWasmCommand implements Runnable {

    /** The tool's name. */
    public static final String NAME = "tensor-wasm";

    /** Its other name, as the seed runbooks write it: {@code tensor-wasm-cli observe --once}. */
    public static final String ALIAS = "tensor-wasm-cli";

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * The command that runs this tool in a new JVM on this JVM's class path: {@code cli
     * tensor-wasm} steps of runbooks and the local runtime process start it so.
     */
    public static List<String> javaCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath =
                Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                        .map(entry -> Path.of(entry).toAbsolutePath().toString())
                        .collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-cp", classpath, TensorWasmCommand.class.getName());
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with its error handling: a failure prints one line, not a trace. */
    public static CommandLine commandLine() {
        return commandLine(NAME);
    }

    /**
     * The command line under a name: {@code tensor-wasm}, or {@link #ALIAS}, the seed runbooks'
     * name for the same tool, so their literal commands run as written.
     */
    public static CommandLine commandLine(String name) {
        CommandLine line = new CommandLine(new TensorWasmCommand()).setCommandName(name);
        line.setExecutionExceptionHandler(
                (e, cmd, parsed) -> {
                    cmd.getErr().println(cmd.getCommandName() + ": " + describe(e));
                    cmd.getErr().flush();
                    return 1;
                });
        return line;
    }

    private static String describe(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect: " + e;
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
