package io.tensorwasm.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AllowlistTest {

    private final Allowlist list =
            new Allowlist(
                    Set.of("journalctl", "nvidia-smi", "cat"), Set.of("tensor-wasm"), "a.yaml");

    @Test
    void aProgramIsMatchedByItsExactName() {
        assertThat(list.shellRefusal(List.of("cat", "/etc/hostname"))).isEmpty();
        assertThat(list.shellRefusal(List.of("/tmp/x/cat", "/etc/hostname")))
                .contains(
                        "shell \"/tmp/x/cat\" is not on the allowlist (a.yaml: cat, journalctl,"
                                + " nvidia-smi)");
    }

    @Test
    void nvidiaSmiOnlyQueries() {
        assertThat(
                        list.shellRefusal(
                                List.of(
                                        "nvidia-smi",
                                        "--query-gpu=name,utilization.gpu",
                                        "--format=csv")))
                .isEmpty();
        assertThat(list.shellRefusal(List.of("nvidia-smi", "-r")))
                .get()
                .asString()
                .startsWith("\"-r\": nvidia-smi only reads");
        assertThat(list.shellRefusal(List.of("nvidia-smi", "--gpu-reset"))).isPresent();
    }

    @Test
    void journalctlIsRefusedWhatChangesTheJournal() {
        assertThat(list.shellRefusal(List.of("journalctl", "--vacuum-s=1K"))).isPresent();
        assertThat(list.shellRefusal(List.of("journalctl", "-u", "tensor-wasm", "-n", "50")))
                .isEmpty();
    }

    @Test
    void cliToolsAreListedToo() {
        assertThat(list.cliRefusal("tensor-wasm")).isEmpty();
        assertThat(list.cliRefusal("twops"))
                .contains("cli tool \"twops\" is not on the allowlist (a.yaml: tensor-wasm)");
    }

    @Test
    void anEntryIsOneName() {
        assertThatThrownBy(() -> new Allowlist(Set.of("rm -rf"), Set.of(), "x"))
                .hasMessage("\"rm -rf\": a shell entry is one program name, with no spaces");
    }
}
