package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.LoopbackRuntime;
import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.testkit.FreePort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local member's release really changes: its process stops, {@code current} moves to the other
 * release and the process that starts is the new release's; a release that does not start is rolled
 * back to the one before.
 */
class LocalMemberIT {

    @TempDir Path dir;

    private LocalMember member;

    @AfterEach
    void stop() {
        if (member != null) {
            member.perform(Action.Operation.STOP);
        }
    }

    @Test
    void upgradeSwapsTheReleaseAndRollbackReturnsFromOneThatDoesNotStart() throws Exception {
        int port = FreePort.next();
        Path home = dir.resolve("replica-1");
        release(home, "v1", "exec " + java(port) + " v1");
        release(home, "v2", "exec " + java(port) + " v2");
        release(home, "v3", "echo v3 cannot start >&2; exit 3");
        script(home.resolve(LocalMember.RUN), "exec \"$(dirname \"$0\")/current/start\"");
        LocalMember.releases(home).link(Releases.CURRENT, "v1");
        member = new LocalMember(home, URI.create("http://127.0.0.1:" + port));

        assertThat(member.perform(Action.Operation.START).ok()).isTrue();
        long first = member.process().running().orElseThrow().pid();
        assertThat(commandLine(first)).endsWith(" v1");

        CommandResult upgraded = member.perform(Action.Operation.UPGRADE, "v2");

        assertThat(upgraded.ok()).as(upgraded.output()).isTrue();
        assertThat(upgraded.output()).contains("upgraded from v1 to v2");
        long second = member.process().running().orElseThrow().pid();
        assertThat(second).isNotEqualTo(first);
        assertThat(commandLine(second)).endsWith(" v2");
        assertThat(member.currentRelease()).contains("v2");
        assertThat(Files.readSymbolicLink(home.resolve("previous"))).hasToString("releases/v1");
        assertThat(member.perform(Action.Operation.UPGRADE, "v2").output())
                .isEqualTo("already runs v2; nothing to do");

        CommandResult bad = member.perform(Action.Operation.UPGRADE, "v3");

        assertThat(bad.ok()).isFalse();
        assertThat(bad.output())
                .contains("upgraded from v2 to v3", "exited with code 3")
                .as("what the process said last, so the page says why it did not start")
                .endsWith(": v3 cannot start");
        assertThat(member.process().running()).isEmpty();

        CommandResult back = member.perform(Action.Operation.ROLLBACK);

        assertThat(back.ok()).as(back.output()).isTrue();
        assertThat(back.output()).contains("rolled back from v3 to v2");
        assertThat(commandLine(member.process().running().orElseThrow().pid())).endsWith(" v2");
        assertThat(member.perform(Action.Operation.UPGRADE, "v9").output())
                .isEqualTo(
                        "no release v9 here: "
                                + home.resolve("releases/v9/tensor-wasm.jar")
                                + " is missing; install it first");
        assertThat(member.perform(Action.Operation.UPGRADE, "../v1").exitCode()).isEqualTo(2);
    }

    private static void release(Path home, String version, String start) throws Exception {
        Path release = LocalMember.releases(home).directory(version);
        Files.createDirectories(release);
        Files.writeString(release.resolve(LocalMember.JAR), "a release of the runtime");
        script(release.resolve("start"), start);
    }

    private static void script(Path file, String body) throws Exception {
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    private static String java(int port) {
        return Path.of(System.getProperty("java.home"), "bin", "java")
                + " -cp "
                + System.getProperty("java.class.path")
                + " "
                + LoopbackRuntime.class.getName()
                + " "
                + port;
    }

    private static String commandLine(long pid) throws Exception {
        return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
                .replace('\0', ' ')
                .strip();
    }
}
