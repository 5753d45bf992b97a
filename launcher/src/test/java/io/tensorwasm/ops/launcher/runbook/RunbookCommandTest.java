package io.tensorwasm.ops.launcher.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.engine.store.NewExecution;
import io.tensorwasm.ops.launcher.TwopsCommand;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class RunbookCommandTest {

    private static final String DRILL =
            """
            ---
            id: drill
            kind: procedure
            sla: 5m
            ---

            # Drill

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `wait 10ms` | | | abort | 1m |
            | 2 | `confirm "The pager rang"` | | | escalate | 1m |
            """;

    @TempDir Path dir;

    private Path runbooks;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void writeRunbooks() throws Exception {
        runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("drill.md"), DRILL);
    }

    @Test
    void lintPrintsEachProblemAsFileLineColumnAndExitsOne() throws Exception {
        Path broken =
                Files.writeString(
                        dir.resolve("broken.md"), DRILL.replace("`wait 10ms`", "`restrat`"));

        int status = twops("runbook", "lint", broken.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString())
                .isEqualTo(
                        broken
                                + ":11:8: unknown action verb \"restrat\"; did you mean \"target restart\"?\n");
        assertThat(out.toString()).isEqualTo("1 runbooks, 1 problem\n");
    }

    @Test
    void lintChecksShellProgramsAgainstTheAllowlistInForceNamingStepAndLine() throws Exception {
        Path page =
                Files.writeString(
                        dir.resolve("helm.md"),
                        DRILL.replace("`wait 10ms`", "`shell systemctl restart tensor-wasm`"));
        Path allowlist =
                Files.writeString(
                        dir.resolve("allowlist.yaml"), "shell: [cat, systemctl]\ncli: []\n");

        int refused = twops("runbook", "lint", page.toString());
        String refusal = err.toString();
        err.getBuffer().setLength(0);
        int allowed =
                twops("runbook", "lint", "--allowlist", allowlist.toString(), page.toString());

        assertThat(refused).isEqualTo(1);
        assertThat(refusal)
                .startsWith(
                        page
                                + ":11:1: step 1: shell \"systemctl\" is not on the allowlist (the"
                                + " defaults: cat, df, du, free, grep, head, journalctl, ls,"
                                + " nvidia-smi, pgrep, ps, readlink, tail, uptime)");
        assertThat(allowed).as(err.toString()).isZero();
    }

    @Test
    void lintOfGoodRunbooksExitsZeroAndSaysWhatIsMachineCheckable() {
        int status = twops("runbook", "lint", runbooks.toString());

        assertThat(status).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "drill: 2 steps, 2m of 5m SLA; machine-checkable: none; manual: 2; no check: 1\n1 runbooks, 0 problems\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void listAndPlanReadTheCatalogue() {
        assertThat(twops("runbook", "list", "--runbooks", runbooks.toString())).isZero();
        assertThat(out.toString())
                .startsWith(
                        "drill                        procedure off       2 steps     2m  Drill");
        out.getBuffer().setLength(0);

        assertThat(twops("runbook", "plan", "drill", "--runbooks", runbooks.toString())).isZero();
        assertThat(out.toString())
                .startsWith(
                        "plan for drill (Drill): 2 steps, 2m within its SLA of 5m; checks: 0 machine, 0 manual; 1 step needs a person\n");
    }

    @Test
    void runAsksThePersonRecordsTheRunAndShowsItInHistory() {
        String db = "jdbc:h2:file:" + dir.resolve("data/engine");
        CommandLine cli =
                cli(
                        new RunbookCommand(
                                new ByteArrayInputStream(
                                        "a\na\ny\n".getBytes(StandardCharsets.UTF_8))));

        int status =
                cli.execute(
                        "run",
                        "drill",
                        "--runbooks",
                        runbooks.toString(),
                        "--db",
                        db,
                        "--as",
                        "alice");

        assertThat(status).isZero();
        assertThat(out.toString())
                .contains(
                        "step 1 (estimate 1m): wait 10ms",
                        "[a]pprove, [s]kip or a[b]ort?",
                        "The pager rang [y/n]",
                        "succeeded in ");
        out.getBuffer().setLength(0);
        assertThat(cli.execute("history", "--db", db)).isZero();
        assertThat(out.toString())
                .matches(
                        "(?s)\\s+1  succeeded\\s+interactive drill\\s+person:alice .*every step done\n");
        out.getBuffer().setLength(0);
        assertThat(cli.execute("history", "1", "--db", db)).isZero();
        assertThat(out.toString()).contains("   2 passed   confirm \"The pager rang\"  by alice");
    }

    @Test
    void historyReadsWithoutWriting() throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("data/engine");
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        try (ExecutionStore store = JdbcExecutionStore.open(db, "sa", "", Duration.ofDays(1))) {
            // A run whose process died an hour ago, not yet found out by a store that runs.
            store.begin(
                    new NewExecution(
                            "drill",
                            "hash",
                            Mode.INTERACTIVE,
                            Trigger.person("alice"),
                            "",
                            longAgo,
                            Duration.ofMinutes(1),
                            Optional.empty(),
                            Optional.empty()));
        }
        String rows = status(db);
        assertThat(rows).contains(" running ");

        assertThat(twops("runbook", "history", "--db", db)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("running");
        assertThat(status(db)).as("what the history command left in the store").isEqualTo(rows);
    }

    private static String status(String db) throws Exception {
        try (Connection c = DriverManager.getConnection(db, "sa", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select id, status, summary from engine_execution")) {
            StringBuilder rows = new StringBuilder();
            while (rs.next()) {
                rows.append(rs.getLong(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append('\n');
            }
            return rows.toString();
        }
    }

    @Test
    void runShowsTheArgumentsAsTheyWillRunBeforeThePersonApproves() throws Exception {
        Files.writeString(
                runbooks.resolve("grep.md"),
                """
                ---
                id: grep
                kind: procedure
                sla: 5m
                vars:
                  pattern: ""
                ---

                # Grep

                | Step | Action | Expected | Within | On failure | Estimate |
                |---|---|---|---|---|---|
                | 1 | `shell grep -c {pattern} /nonexistent` | | | abort | 1m |
                """);
        CommandLine cli =
                cli(
                        new RunbookCommand(
                                new ByteArrayInputStream(
                                        "b\nnot today\n".getBytes(StandardCharsets.UTF_8))));

        int status =
                cli.execute(
                        "run",
                        "grep",
                        "--var",
                        "pattern=two words",
                        "--runbooks",
                        runbooks.toString(),
                        "--db",
                        "jdbc:h2:file:" + dir.resolve("data/engine"),
                        "--as",
                        "alice");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString())
                .contains("step 1 (estimate 1m): shell grep -c \"two words\" /nonexistent\n");
    }

    @Test
    void runWithDryRunPlansAndRecordsNothing() {
        String db = "jdbc:h2:file:" + dir.resolve("data/engine");

        assertThat(
                        twops(
                                "runbook",
                                "run",
                                "drill",
                                "--dry-run",
                                "--runbooks",
                                runbooks.toString(),
                                "--db",
                                db))
                .isZero();
        assertThat(out.toString()).startsWith("plan for drill (Drill): 2 steps");
        out.getBuffer().setLength(0);
        assertThat(twops("runbook", "history", "--db", db)).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void lintOfAMissingPathIsOneLine() {
        Path missing = dir.resolve("nope.md");

        assertThat(twops("runbook", "lint", missing.toString())).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("twops runbook: " + missing + ": no such file or folder\n");
    }

    @Test
    void unknownRunbookIsOneLineNotAStackTrace() {
        int status = twops("runbook", "plan", "dril", "--runbooks", runbooks.toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo(
                        "twops runbook: no runbook \"dril\" in "
                                + runbooks
                                + "; did you mean \"drill\"?\n");
    }

    @Test
    void killSwitchEngagesAndReleases() {
        String db = "jdbc:h2:file:" + dir.resolve("data/engine");

        assertThat(twops("runbook", "kill-switch", "engage", "--reason", "drill", "--db", db))
                .isZero();
        assertThat(twops("runbook", "kill-switch", "status", "--db", db)).isZero();
        assertThat(out.toString())
                .isEqualTo(
                        "kill switch engaged: automatic runs are off\nkill switch engaged: automatic runs are off\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"lint", "list", "plan", "run", "history", "kill-switch"})
    void everySubcommandHasHelp(String command) {
        int status = twops("runbook", command, "--help");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Usage: twops runbook " + command);
    }

    private int twops(String... args) {
        return new CommandLine(new TwopsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private CommandLine cli(RunbookCommand command) {
        CommandLine root = new CommandLine(new TwopsCommand());
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        assertThat(names).contains("runbook");
        CommandLine cli = new CommandLine(command);
        return cli.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    }
}
