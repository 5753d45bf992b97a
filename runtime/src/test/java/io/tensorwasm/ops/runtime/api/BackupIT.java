package io.tensorwasm.ops.runtime.api;

import static io.tensorwasm.ops.runtime.api.ApiFixture.deploy;
import static io.tensorwasm.ops.runtime.api.ApiFixture.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.runtime.store.BackupException;
import io.tensorwasm.ops.runtime.store.RegistryBackup;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.PostgresServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /admin/backup} while the runtime serves, and a restore into an empty directory. */
class BackupIT {

    @TempDir Path dir;

    @Test
    void backsUpWhileServingAndARestoredDirectoryServesTheSameFunctions() throws Exception {
        Path zip = dir.resolve("backup.zip");
        List<String> ids = new ArrayList<>();
        byte[] key;
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dir.resolve("live")).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        ids.add(deploy(admin, "adder", "ok"));
                        ids.add(deploy(admin, "fib", "fib"));
                        HttpResponse<Path> saved = backup(admin, zip);
                        assertThat(saved.statusCode()).isEqualTo(200);
                        assertThat(saved.headers().firstValue("Content-Type"))
                                .hasValue("application/zip");
                        // The runtime kept serving: a deploy after the backup is not in it.
                        deploy(admin, "later", "ok");
                    });
            key = Files.readAllBytes(dir.resolve("live").resolve("audit-key"));
        }
        assertThat(entries(zip)).containsExactly("backup.json", "registry.mv.db", "audit-key");
        assertThat(RegistryBackup.manifest(zip).functions()).isEqualTo(2);

        Path restored = dir.resolve("restored");
        RegistryBackup.Manifest manifest = RegistryBackup.restore(zip, restored);
        assertThat(manifest.version()).startsWith("v");
        assertThat(Files.readAllBytes(restored.resolve("audit-key"))).isEqualTo(key);
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(restored.resolve("audit-key"))))
                .isEqualTo("rw-------");
        try (RuntimeServices services = RuntimeServices.open(ApiFixture.config(restored).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                        assertThat(admin.get("/functions").body())
                                .contains(ids.get(0), ids.get(1))
                                .doesNotContain("\"later\"");
                        HttpResponse<String> added =
                                admin.postJson(
                                        "/functions/" + ids.get(0) + "/invoke",
                                        "{\"export\":\"add\",\"args\":[2,3]}");
                        assertThat(added.body()).isEqualTo("{\"result\":[5]}");
                    });
        }
    }

    @Test
    void refusesATenantTokenAndANonEmptyDirectory() throws Exception {
        Path zip = dir.resolve("backup.zip");
        try (RuntimeServices services =
                RuntimeServices.open(ApiFixture.config(dir.resolve("live")).build())) {
            ApiFixture.serve(
                    services,
                    (port, client) -> {
                        HttpResponse<Path> refused =
                                backup(client.withToken(ApiFixture.SEVEN), zip);
                        assertThat(refused.statusCode()).isEqualTo(403);
                        assertThat(Files.readString(zip))
                                .matches(
                                        "\\{\"error\":\\{\"code\":\"forbidden\",\"message\":\"a backup"
                                                + " holds every tenant's functions and the audit"
                                                + " key; it needs an admin token \\(tenant \\*\\)\","
                                                + "\"trace_id\":\"[0-9a-f]{32}\"}}");
                        assertThat(backup(client.withToken(ApiFixture.ADMIN), zip).statusCode())
                                .isEqualTo(200);
                    });
        }
        Path occupied = Files.createDirectories(dir.resolve("occupied"));
        Files.writeString(occupied.resolve("registry.mv.db"), "old");
        assertThatThrownBy(() -> RegistryBackup.restore(zip, occupied))
                .isInstanceOf(BackupException.class)
                .hasMessage(
                        occupied
                                + ": not empty; restore writes only into an empty or missing data"
                                + " directory (move the old one aside first)");
        assertThat(Files.readString(occupied.resolve("registry.mv.db"))).isEqualTo("old");
    }

    @Test
    void aPostgresRegistryIsSentToPgDump() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            String url = postgres.createDatabase("registry");
            try (RuntimeServices services =
                    RuntimeServices.open(
                            ApiFixture.config(dir).database(url, postgres.user(), "").build())) {
                ApiFixture.serve(
                        services,
                        (port, client) -> {
                            HarnessClient admin = client.withToken(ApiFixture.ADMIN);
                            HttpResponse<String> refused =
                                    admin.send(
                                            admin.request("/admin/backup")
                                                    .POST(HttpRequest.BodyPublishers.noBody())
                                                    .build());
                            assertThat(refused.statusCode()).isEqualTo(409);
                            assertThat(error(refused))
                                    .isEqualTo(
                                            "not_supported: the registry is in PostgreSQL: back it"
                                                    + " up with pg_dump (restore with pg_restore),"
                                                    + " not tensor-wasm backup");
                        });
            }
        }
    }

    private static HttpResponse<Path> backup(HarnessClient client, Path zip) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        client.request("/admin/backup")
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofFile(zip));
    }

    private static List<String> entries(Path zip) throws Exception {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
