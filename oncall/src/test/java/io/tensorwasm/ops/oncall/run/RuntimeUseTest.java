package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeUseTest {

    private static final String RUNBOOK =
            """
            ---
            id: restart
            kind: procedure
            targets: [runtime]
            ---

            # Restart

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `http GET {runtime}/healthz` | `status == 200` | | continue | 30s |
            | 2 | `runtime restart` | `exit_code == 0` | | abort | 1m |
            | 3 | `check` | `health.status == "ok"` | 30s | abort | 30s |
            | 4 | `check` | `metric("tensor_wasm_http_requests_total") > 0` | | abort | 30s |
            | 5 | `confirm "Tenants are told"` | | | abort | 1m |
            """;

    private final Runbook runbook = Catalog.parse(Path.of("restart.md"), RUNBOOK).get(0);

    @Test
    void namesTheStepsThatCallTheRuntimeButNotItsTargetAdapter() {
        assertThat(RuntimeUse.steps(runbook, false)).containsExactly(1, 3, 4);
        assertThat(RuntimeUse.steps(runbook, true)).containsExactly(1, 3);
    }

    @Test
    void listsStepNumbersInWords() {
        assertThat(RuntimeUse.list(List.of(3))).isEqualTo("step 3");
        assertThat(RuntimeUse.list(List.of(1, 3, 4))).isEqualTo("steps 1, 3 and 4");
    }

    @Test
    void warnsInASentenceOnlyWhenAStepNeedsTheRuntime() {
        URI runtime = URI.create("http://127.0.0.1:8080");
        assertThat(RuntimeUse.warning(runbook, runtime, true).orElseThrow().message())
                .isEqualTo(
                        "The runtime at http://127.0.0.1:8080 is not answering its health check."
                                + " Steps 1 and 3 of this runbook call it and will fail until it"
                                + " is back.");
        Runbook confirmOnly =
                Catalog.parse(
                                Path.of("ask.md"),
                                RUNBOOK.replaceAll("(?m)^\\| [1-4] .*\\n", "")
                                        .replace("| 5 |", "| 1 |"))
                        .get(0);
        assertThat(RuntimeUse.warning(confirmOnly, runtime, false)).isEmpty();
    }
}
