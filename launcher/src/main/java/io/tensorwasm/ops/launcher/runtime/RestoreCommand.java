package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.runtime.store.RegistryBackup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm restore}: unpacks a backup into an empty data directory, for a runtime that is
 * not running (disaster recovery, lost storage).
 *
 * <pre>{@code
 * tensor-wasm restore --data-dir /var/lib/tensor-wasm backup.zip
 * # restored 3 functions (taken 2026-12-01T11:00:00Z by v0.1.0) into /var/lib/tensor-wasm
 * }</pre>
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Unpacks a backup from tensor-wasm backup into a missing or empty data directory;"
                    + " a directory with anything in it is refused.",
            "Run it while the runtime is stopped, then start the runtime on that directory."
        })
final class RestoreCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            defaultValue = "data/runtime",
            description = "The data directory to restore into (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Parameters(index = "0", paramLabel = "FILE.zip", description = "The backup to restore.")
    Path backup;

    @Override
    public Integer call() {
        RegistryBackup.Manifest manifest = RegistryBackup.restore(backup, dataDir);
        spec.commandLine()
                .getOut()
                .println(
                        "restored "
                                + manifest.functions()
                                + " functions (taken "
                                + manifest.createdAt()
                                + " by "
                                + manifest.version()
                                + ") into "
                                + dataDir);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
