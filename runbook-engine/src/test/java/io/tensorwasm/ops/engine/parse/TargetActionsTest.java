package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Action.Operation;
import io.tensorwasm.ops.engine.model.Problem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue #18: the typed target operations as a runbook writes them, and their mistakes. */
class TargetActionsTest {

    private static LintReport page(String... actions) {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < actions.length; i++) {
            rows.append("| ")
                    .append(i + 1)
                    .append(" | `")
                    .append(actions[i])
                    .append("` | | abort | 1m |\n");
        }
        return Catalog.lint(
                Path.of("t.md"),
                "---\nid: t\nkind: procedure\ntargets: [runtime, canary]\nvars:\n  target_version: \"\"\n---\n\n# T\n\n"
                        + "| Step | Action | Expected | On failure | Estimate |\n|---|---|---|---|---|\n"
                        + rows);
    }

    @Test
    void operationsOfOneAndTwoWordsWithTheirArgumentAndTarget() {
        LintReport report =
                page(
                        "target upgrade {target_version}",
                        "target config save",
                        "runtime audit verify",
                        "target rollback canary",
                        "canary upgrade v0.2.0",
                        "target drain");

        assertThat(report.problems()).isEmpty();
        assertThat(report.runbooks().get(0).steps())
                .extracting(s -> s.action())
                .containsExactly(
                        new Action.TargetOp(Operation.UPGRADE, "", "{target_version}"),
                        new Action.TargetOp(Operation.CONFIG_SAVE, ""),
                        new Action.TargetOp(Operation.AUDIT_VERIFY, "runtime"),
                        new Action.TargetOp(Operation.ROLLBACK, "canary"),
                        new Action.TargetOp(Operation.UPGRADE, "canary", "v0.2.0"),
                        new Action.TargetOp(Operation.DRAIN, ""));
        assertThat(report.runbooks().get(0).steps().get(1).action().readOnly()).isFalse();
        assertThat(report.runbooks().get(0).steps().get(2).action().readOnly()).isTrue();
    }

    @Test
    void mistakesSayWhatAndWhere() {
        List<String> problems =
                page(
                                "target upgrade",
                                "target config",
                                "target upgrad v1",
                                "target restart canary extra",
                                "target upgrade {version}")
                        .problems()
                        .stream()
                        .map(Problem::toString)
                        .toList();

        assertThat(problems)
                .containsExactly(
                        "t.md:13:15: upgrade needs a version, e.g. target upgrade {target_version}",
                        "t.md:14:15: unknown target operation \"config\"; use start, stop, restart, status, logs, version, upgrade, rollback, config save, config restore, audit archive, audit verify, threads, drain, ready",
                        "t.md:15:15: unknown target operation \"upgrad\"; did you mean \"upgrade\"?",
                        "t.md:16:23: \"canary extra\": unexpected words after restart",
                        "t.md:17:23: unknown placeholder \"{version}\"; placeholders are {prometheus},"
                                + " {runtime}, {target_version}, {target}");
    }
}
