package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.Listeners;
import io.tensorwasm.ops.testkit.ManagedProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * What {@code twops start} leaves open on the machine (hardening, finding 1): no listener of its
 * processes off loopback, database servers included; a data directory only its owner can enter,
 * with every file only its owner can read, checked again at every start; and the webhook token,
 * which the console only compares, never stored as itself.
 */
class DataAtRestIT {

    private static final Set<PosixFilePermission> OWNER_FILE =
            PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR =
            PosixFilePermissions.fromString("rwx------");

    @TempDir Path dir;

    private final int runtimePort = FreePort.next();
    private final int consolePort = FreePort.next();

    @Test
    void listensOnLoopbackOnlyKeepsItsFilesToItsOwnerAndNeverStoresTheWebhookToken()
            throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("logs"));
        // A data directory as an older twops or a careless hand left it: open to everyone.
        Files.writeString(data.resolve("notes.txt"), "left behind");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(
                data.resolve("notes.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        String webhookToken;
        try (ManagedProcess twops = start(data)) {
            List<Listeners.Listener> listeners = Listeners.of(twops.pid());
            assertThat(listeners)
                    .as("the console, the runtime and every database server they hold")
                    .hasSizeGreaterThanOrEqualTo(2)
                    .allMatch(Listeners.Listener::loopback, "listens on loopback only");
            assertPrivate(data);

            StringWriter tokens = new StringWriter();
            int listed =
                    new CommandLine(new TwopsCommand())
                            .setOut(new PrintWriter(tokens))
                            .execute("token", "list", "--data-dir", data.toString());
            assertThat(listed)
                    .as("the CLI reads the console's database while the console holds it")
                    .isZero();
            assertThat(tokens.toString()).contains("first admin");
            webhookToken = Files.readString(data.resolve("alertmanager-webhook-token")).strip();
        }
        awaitGone(data.resolve("runtime.pid"));
        assertThat(bytesContain(data.resolve("console.mv.db"), webhookToken))
                .as("the webhook token, as itself, in the console's database file")
                .isFalse();

        try (ManagedProcess again = start(data)) {
            assertThat(Listeners.of(again.pid())).allMatch(Listeners.Listener::loopback);
            assertThat(Files.readString(data.resolve("alertmanager-webhook-token")).strip())
                    .as("a restart keeps the token Alertmanager was given")
                    .isEqualTo(webhookToken);
            assertPrivate(data);
        }
    }

    private static void assertPrivate(Path data) throws Exception {
        List<String> open = new ArrayList<>();
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                Set<PosixFilePermission> mode = Files.getPosixFilePermissions(p);
                boolean ok =
                        Files.isDirectory(p) ? mode.equals(OWNER_DIR) : mode.equals(OWNER_FILE);
                if (!ok) {
                    open.add(data.relativize(p) + " " + PosixFilePermissions.toString(mode));
                }
            }
        }
        assertThat(open).as("files and folders others can read").isEmpty();
    }

    private static boolean bytesContain(Path file, String text) throws Exception {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        return content.contains(text);
    }

    private ManagedProcess start(Path data) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path jar = Path.of("target", "twops.jar").toAbsolutePath();
        assertThat(jar).as("the launcher's shaded jar, built by mvn package").exists();
        ManagedProcess twops =
                ManagedProcess.start(
                        "twops-data-at-rest",
                        List.of(
                                java,
                                "-cp",
                                jar.toString(),
                                TwopsCommand.class.getName(),
                                "start",
                                "--runtime-port",
                                Integer.toString(runtimePort),
                                "--console-port",
                                Integer.toString(consolePort),
                                "--data-dir",
                                data.toString()),
                        dir);
        twops.awaitReady(
                "the start report",
                Duration.ofSeconds(120),
                () -> Files.readString(twops.log()).contains("Ctrl-C stops everything"));
        return twops;
    }

    private static void awaitGone(Path pidFile) throws Exception {
        for (int i = 0; i < 150 && Files.exists(pidFile); i++) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(pidFile).as("the runtime stopped with twops").doesNotExist();
    }
}
