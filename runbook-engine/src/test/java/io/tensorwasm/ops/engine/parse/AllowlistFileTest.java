package io.tensorwasm.ops.engine.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Allowlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the allowlist is a documented file with read-only defaults, a deployment's own copy
 * replaces them, and lint checks every shell program and cli tool against the one in force, naming
 * the step and its line.
 */
class AllowlistFileTest {

    @TempDir Path dir;

    @Test
    void theDefaultsAreTheDocumentedFileAndOnlyRead() {
        Allowlist defaults = AllowlistFile.defaults();

        assertThat(defaults.shell())
                .containsExactlyInAnyOrder(
                        "cat",
                        "df",
                        "du",
                        "free",
                        "grep",
                        "head",
                        "journalctl",
                        "ls",
                        "nvidia-smi",
                        "pgrep",
                        "ps",
                        "readlink",
                        "tail",
                        "uptime");
        assertThat(defaults.cli()).containsExactlyInAnyOrder("tensor-wasm", "twops");
        assertThat(defaults.source()).isEqualTo("the defaults");
        assertThat(AllowlistFile.inForce(Map.of())).isEqualTo(defaults);
    }

    @Test
    void aDeploymentsFileReplacesTheDefaultsWhenTwopsAllowlistNamesIt() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("allowlist.yaml"),
                        "shell: [cat, systemctl]\ncli: [tensor-wasm]\n");

        Allowlist site = AllowlistFile.inForce(Map.of("TWOPS_ALLOWLIST", file.toString()));

        assertThat(site.shell()).containsExactlyInAnyOrder("cat", "systemctl");
        assertThat(site.source()).isEqualTo(file.toString());
    }

    @Test
    void aBadFileSaysWhatAndWhere() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.yaml"), "shel: [cat]\n");
        Path spaces = Files.writeString(dir.resolve("spaces.yaml"), "shell: [\"rm -rf\"]\n");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "shell: [cat\n");

        assertThatThrownBy(() -> AllowlistFile.load(typo))
                .hasMessage(typo + ": unknown key \"shel\"; the keys are shell and cli");
        assertThatThrownBy(() -> AllowlistFile.load(spaces))
                .hasMessage(
                        spaces
                                + ": shell entry \"rm -rf\" is not one program name (no spaces, no lists)");
        assertThatThrownBy(() -> AllowlistFile.load(broken))
                .hasMessage(broken + ":1: not YAML: while parsing a flow sequence");
        assertThatThrownBy(() -> AllowlistFile.load(dir.resolve("none.yaml")))
                .hasMessageStartingWith(
                        dir.resolve("none.yaml") + ": cannot read the allowlist file");
    }

    @Test
    void lintNamesEveryStepWhoseProgramOrToolIsNotAllowedWithItsLine() throws Exception {
        Path page =
                Files.writeString(
                        dir.resolve("p.md"),
                        "---\nid: p\nkind: procedure\n---\n\n# P\n\n"
                                + "| Step | Action | Expected | On failure | Estimate |\n|---|---|---|---|---|\n"
                                + "| 1 | `shell ls /var/lib` | | abort | 1m |\n"
                                + "| 2 | `shell helm rollback tensor-wasm` | | abort | 1m |\n"
                                + "| 3 | `shell {program} --version` | | abort | 1m |\n"
                                + "| 4 | `cli twops runbook list` | | abort | 1m |\n"
                                + "| 5 | `shell journalctl --vacuum-time=1s` | | abort | 1m |\n\n"
                                + "vars:\n");
        Files.writeString(
                page,
                Files.readString(page)
                        .replace("kind: procedure\n", "kind: procedure\nvars:\n  program: ls\n"));
        Allowlist list =
                new Allowlist(
                        java.util.Set.of("ls", "journalctl"),
                        java.util.Set.of("tensor-wasm"),
                        "site.yaml");

        LintReport report = Catalog.lint(list, page);

        assertThat(report.problems())
                .extracting(Object::toString)
                .containsExactly(
                        page
                                + ":13:1: step 2: shell \"helm\" is not on the allowlist (site.yaml: journalctl, ls)",
                        page
                                + ":14:1: step 3: \"{program}\": a shell step names its program, never a"
                                + " placeholder, so lint can check it against the allowlist; a program"
                                + " that changes the host is a target action (target upgrade, target"
                                + " rollback, ...)",
                        page
                                + ":15:1: step 4: cli tool \"twops\" is not on the allowlist (site.yaml: tensor-wasm)",
                        page
                                + ":16:1: step 5: \"--vacuum-time=1s\": journalctl only reads in a shell"
                                + " step; its options that change the journal are refused");
        assertThat(Catalog.lint(page).problems()).as("without an allowlist, as before").isEmpty();
    }
}
