package io.tensorwasm.ops.oncall.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookLibraryTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "console-runbooks");

    @Test
    void keepsAPageThatDoesNotLintReadableWithItsProblems() {
        RunbookLibrary library = RunbookLibrary.load(List.of(FIXTURES));

        LibraryEntry typo = library.entry("restart-typo").orElseThrow();
        assertThat(typo.runnable()).isFalse();
        assertThat(typo.file()).isEqualTo("console-runbooks/restart-typo.md");
        assertThat(typo.problems())
                .containsExactly(
                        "console-runbooks/restart-typo.md:11:8: unknown action verb \"runtime\";"
                                + " verbs are http, promql, cli, wait, confirm, page, target,"
                                + " shell, decide or check");
        assertThat(typo.text()).contains("`runtime restrat`");
    }

    @Test
    void indexesAlertPagesByTheirAlert() {
        RunbookLibrary library = RunbookLibrary.load(List.of(FIXTURES));

        assertThat(library.alertIndex())
                .extracting(LibraryEntry::alert, LibraryEntry::id)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "TensorWasmAuditLogLarge", "audit-log-rotation"));
        assertThat(library.forAlert("TensorWasmAuditLogLarge").orElseThrow().runnable()).isTrue();
        assertThat(library.entries())
                .extracting(LibraryEntry::id)
                .containsExactly(
                        "audit-log-rotation", "healthz-probe", "markup-title", "restart-typo");
        assertThat(library.runbook("markup-title").orElseThrow().title())
                .isEqualTo("<script>alert(1)</script>");
    }

    @Test
    void readsTheShippedCatalogueFromTheClassPath() {
        RunbookLibrary library = RunbookLibrary.load(List.of());

        assertThat(library.entries())
                .extracting(LibraryEntry::id)
                .contains("availability-fast-burn", "rollback", "disaster-recovery");
        assertThat(library.entry("rollback").orElseThrow().file())
                .isEqualTo("runbooks/rollback.md");
        assertThat(library.forAlert("TensorWasmAvailabilityFastBurn"))
                .map(LibraryEntry::id)
                .contains("availability-fast-burn");
    }

    @TempDir Path dir;

    @Test
    void checksShellStepsAgainstTheAllowlistItIsGiven() throws IOException {
        Path pages = Files.createDirectories(dir.resolve("pages"));
        Files.writeString(
                pages.resolve("restart-by-hand.md"),
                """
                ---
                id: restart-by-hand
                kind: procedure
                ---

                # Restart by hand

                | Step | Action | Expected | On failure | Estimate |
                |---|---|---|---|---|
                | 1 | `shell systemctl restart tensor-wasm` | `exit_code == 0` | abort | 1m |
                """);

        LibraryEntry refused =
                RunbookLibrary.load(List.of(pages), AllowlistFile.defaults())
                        .entry("restart-by-hand")
                        .orElseThrow();
        LibraryEntry admitted =
                RunbookLibrary.load(
                                List.of(pages),
                                new Allowlist(Set.of("systemctl"), Set.of(), "site.yaml"))
                        .entry("restart-by-hand")
                        .orElseThrow();

        assertThat(refused.runnable()).isFalse();
        assertThat(refused.problems())
                .singleElement()
                .asString()
                .startsWith(
                        "pages/restart-by-hand.md:10:1: step 1: shell \"systemctl\" is not on the"
                                + " allowlist (the defaults: cat, df,");
        assertThat(admitted.problems()).isEmpty();
        assertThat(admitted.runnable()).isTrue();
    }

    @Test
    void namesAMissingFolder() {
        assertThatThrownBy(() -> RunbookLibrary.load(List.of(Path.of("no-such-folder"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no-such-folder: no such folder of runbooks");
    }
}
