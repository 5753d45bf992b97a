package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.runtime.store.RegistryBackup;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm backup}: asks a running runtime for a consistent copy of its data directory
 * ({@code POST /admin/backup}) and saves the zip.
 *
 * <pre>{@code
 * TENSOR_WASM_TOKEN=$ADMIN_TOKEN tensor-wasm backup --server http://127.0.0.1:8080 --out backup.zip
 * # backup.zip: 3 functions, taken 2026-12-01T11:00:00Z by v0.1.0 (41260 bytes)
 * }</pre>
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Saves a consistent backup of a running runtime's data directory (the H2 registry and"
                    + " the audit key) as a zip; the runtime keeps serving meanwhile.",
            "Needs an admin token in TENSOR_WASM_TOKEN. A PostgreSQL registry is backed up with"
                    + " pg_dump instead."
        })
final class BackupCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin RuntimeClient runtime = new RuntimeClient();

    @Option(
            names = "--out",
            paramLabel = "FILE.zip",
            required = true,
            description = "Where to write the backup; an existing file is replaced.")
    Path out;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
        HttpResponse<Path> response =
                runtime.send(
                        runtime.request("/admin/backup", Duration.ofMinutes(10))
                                .POST(HttpRequest.BodyPublishers.noBody()),
                        HttpResponse.BodyHandlers.ofFile(partial));
        if (response.statusCode() != 200) {
            String body = Files.readString(partial, StandardCharsets.UTF_8);
            Files.deleteIfExists(partial);
            spec.commandLine()
                    .getErr()
                    .println(
                            "tensor-wasm backup: "
                                    + runtime.server
                                    + " answered "
                                    + response.statusCode()
                                    + " "
                                    + RuntimeClient.message(body));
            return 1;
        }
        Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
        RegistryBackup.Manifest manifest = RegistryBackup.manifest(absolute);
        spec.commandLine()
                .getOut()
                .println(
                        out
                                + ": "
                                + manifest.functions()
                                + " functions, taken "
                                + manifest.createdAt()
                                + " by "
                                + manifest.version()
                                + " ("
                                + Files.size(absolute)
                                + " bytes)");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
