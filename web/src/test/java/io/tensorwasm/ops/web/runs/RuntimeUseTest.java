package io.tensorwasm.ops.web.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.Catalog;
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
}
