package io.tensorwasm.ops.engine.target;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.exec.ExecutionReport;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.exec.ScriptedApprovals;
import io.tensorwasm.ops.engine.model.Action.Operation;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the local process target's typed operations on real processes and files: upgrade and
 * rollback swap the {@code current} link between a stop and a start and keep {@code previous};
 * config save and restore copy its env file; an operation it cannot do is a person's, with its
 * reason, in an interactive run and a pause in an automatic one.
 */
class LocalReleasesIT {

    @TempDir Path dir;

    private LocalProcessTarget target;

    @AfterEach
    void stop() {
        if (target != null) {
            target.perform(Operation.STOP);
        }
    }

    @Test
    void upgradeAndRollbackSwapTheReleaseTheProcessRuns() throws Exception {
        Path releases = dir.resolve("releases");
        release(releases, "v0.1.0");
        release(releases, "v0.2.0");
        Files.createSymbolicLink(releases.resolve("current"), Path.of("v0.1.0"));
        Path log = dir.resolve("runtime.log");
        target =
                LocalProcessTarget.builder()
                        .command(
                                List.of(
                                        releases.resolve("current/bin/tensor-wasm").toString(),
                                        "serve"))
                        .releases(releases)
                        .pidFile(dir.resolve("runtime.pid"))
                        .logFile(log)
                        .build();
        assertThat(target.perform(Operation.START).ok()).isTrue();
        long first = target.running().orElseThrow().pid();

        CommandResult upgraded = target.perform(Operation.UPGRADE, "v0.2.0");

        assertThat(upgraded.ok()).as(upgraded.output()).isTrue();
        assertThat(upgraded.output())
                .startsWith("upgraded from v0.1.0 to v0.2.0; stopped pid " + first);
        assertThat(Files.readSymbolicLink(releases.resolve("current")))
                .isEqualTo(Path.of("v0.2.0"));
        assertThat(Files.readSymbolicLink(releases.resolve("previous")))
                .isEqualTo(Path.of("v0.1.0"));
        assertThat(target.perform(Operation.VERSION).output()).isEqualTo("v0.2.0");
        assertThat(target.running().orElseThrow().pid()).isNotEqualTo(first);

        CommandResult missing = target.perform(Operation.UPGRADE, "v9.9.9");
        assertThat(missing.ok()).isFalse();
        assertThat(missing.output()).startsWith("v9.9.9 is not installed: no ");

        CommandResult back = target.perform(Operation.ROLLBACK);
        assertThat(back.ok()).as(back.output()).isTrue();
        assertThat(back.output()).startsWith("rolled back from v0.2.0 to v0.1.0");
        assertThat(target.perform(Operation.VERSION).output()).isEqualTo("v0.1.0");
        assertThat(Files.readSymbolicLink(releases.resolve("previous")))
                .isEqualTo(Path.of("v0.2.0"));
    }

    @Test
    void configSaveAndRestoreCopyTheEnvFileOwnerOnly() throws Exception {
        Path env = Files.writeString(dir.resolve("runtime.env"), "TENSOR_WASM_PORT=8080\n");
        target =
                LocalProcessTarget.builder()
                        .command(List.of("true"))
                        .configFile(env)
                        .pidFile(dir.resolve("x.pid"))
                        .build();

        assertThat(target.perform(Operation.CONFIG_SAVE).ok()).isTrue();
        Files.writeString(env, "TENSOR_WASM_PORT=9999\n");
        assertThat(target.perform(Operation.CONFIG_RESTORE).ok()).isTrue();

        assertThat(Files.readString(env)).isEqualTo("TENSOR_WASM_PORT=8080\n");
        assertThat(
                        PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(dir.resolve("runtime.env.saved"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aStepTheTargetCannotDoIsAPersonsWithItsReasonNeverARefusal() throws Exception {
        target =
                LocalProcessTarget.builder()
                        .command(List.of("true"))
                        .pidFile(dir.resolve("x.pid"))
                        .build();
        Runbook runbook =
                Catalog.parse(
                                Path.of("manual.md"),
                                "---\nid: manual\nkind: procedure\nautomation: auto\ntargets: [runtime]\nvars:\n  version: \"\"\n---\n\n# Manual\n\n"
                                        + "| Step | Action | Expected | On failure | Estimate |\n|---|---|---|---|---|\n"
                                        + "| 1 | `target drain` | | abort | 1m |\n"
                                        + "| 2 | `target upgrade {version}` | `exit_code == 0` | abort | 1m |\n"
                                        + "| 3 | `target status` | | continue | 1m |\n\n"
                                        + "Escalation: page.\n")
                        .get(0);
        ScriptedApprovals person = new ScriptedApprovals("ann");
        try (ExecutionStore store =
                JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "")) {
            RunContext context =
                    RunContext.builder()
                            .store(store)
                            .approvals(person)
                            .variable("runtime", "http://127.0.0.1:9")
                            .variable("version", "v0.2.0")
                            .target("runtime", target)
                            .build();

            ExecutionReport report =
                    new Executor(context).run(runbook, RunRequest.interactive("ann"));
            ExecutionReport automatic =
                    new Executor(context).run(runbook, RunRequest.automatic("fp"));

            assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(report.steps())
                    .extracting(StepResult::note)
                    .first()
                    .asString()
                    .startsWith("manual on local process true")
                    .endsWith(
                            "drain is done by hand, because no load balancer stands in front of"
                                    + " a local process; its callers reach it directly");
            assertThat(report.steps().get(1).note()).contains("upgrade is done by hand, because");
            assertThat(person.asked())
                    .contains(
                            "confirm 2: Done by hand: target upgrade v0.2.0 [manual on local"
                                    + " process true (pid file "
                                    + dir.resolve("x.pid")
                                    + "): upgrade is done"
                                    + " by hand, because this local process has no releases folder (current"
                                    + " and previous links), so install or swap the release by hand]");
            assertThat(automatic.status()).isEqualTo(RunStatus.PAUSED);
            assertThat(automatic.summary())
                    .startsWith("step 1 (target drain) needs a person: manual on");
        }
    }

    private static void release(Path releases, String version) throws Exception {
        Path bin = Files.createDirectories(releases.resolve(version).resolve("bin"));
        Path program = bin.resolve("tensor-wasm");
        Files.writeString(
                program,
                "#!/bin/sh\nif [ \"$1\" = --version ]; then echo "
                        + version
                        + "; exit 0; fi\nexec sleep 60\n");
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
