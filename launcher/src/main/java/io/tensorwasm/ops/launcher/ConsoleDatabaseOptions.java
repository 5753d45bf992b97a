package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.web.ConsoleConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where the console's database is, for the commands that work on it next to a running console
 * ({@code twops token}, {@code twops drill}): the same defaults as {@code twops start}.
 */
public final class ConsoleDatabaseOptions {

    @Option(
            names = "--data-dir",
            defaultValue = "data",
            description = "The console's data directory (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--db-url",
            description =
                    "JDBC URL of the console's database, as the console was started with"
                            + " (default: the H2 file in the data dir).")
    String databaseUrl;

    /** Opens the database, migrated; the caller closes it. */
    public Database open() {
        String url =
                ConsoleConfig.builder().dataDir(dataDir).databaseUrl(databaseUrl).build().jdbcUrl();
        return Database.open(url, "sa", "");
    }
}
