package io.tensorwasm.ops.engine.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.Position;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckEvaluatorTest {

    // Nothing listens on port 9; expressions here read no metric.
    private final CheckEvaluator checks =
            new CheckEvaluator(MetricSource.scrape(URI.create("http://127.0.0.1:9/metrics")));

    @Test
    void reportsTheFieldsItReadAsTheObservedValue() {
        Map<String, Object> health = Map.of("status", "starting", "children", Map.of("failed", 2L));

        Evaluation e =
                checks.evaluate(
                        "health.status == \"ready\" and health.children.failed == 0",
                        Map.of("health", health));

        assertThat(e.verdict()).isEqualTo(Evaluation.Verdict.FALSE);
        assertThat(e.observed()).isEqualTo("health.status=\"starting\"");
    }

    @Test
    void readsJsonBodiesWithListsNumbersAndNulls() {
        Object body =
                JsonValues.parse(
                                "{\"kids\":[{\"restarts\":1},{\"restarts\":7}],\"ratio\":0.5,\"owner\":null}")
                        .orElseThrow();

        assertThat(
                        checks.evaluate(
                                        "body.kids.exists(k, k.restarts > 5) && body.ratio < 1 && body.owner == null",
                                        Map.of("body", body))
                                .holds())
                .isTrue();
        assertThat(
                        checks.evaluate("exit_code == 0 or exit_code == 1", Map.of("exit_code", 1L))
                                .holds())
                .isTrue();
    }

    @Test
    void aMissingFieldIsAnErrorThatSaysWhich() {
        Evaluation e =
                checks.evaluate(
                        "health.status == \"ready\"", Map.of("health", Map.of("state", "ready")));

        assertThat(e.verdict()).isEqualTo(Evaluation.Verdict.ERROR);
        assertThat(e.observed()).isEqualTo("key 'status' is not present in map.");
    }

    @Test
    void aMetricThatCannotBeReadIsAnErrorNotAFailure() {
        Evaluation e = checks.evaluate("metric(\"up\") == 1", Map.of());

        assertThat(e.verdict()).isEqualTo(Evaluation.Verdict.ERROR);
        assertThat(e.observed()).contains("http://127.0.0.1:9/metrics: cannot scrape");
    }

    @Test
    void aVariableTheStepDoesNotSetIsAnError() {
        Evaluation e = checks.evaluate("status == 200", Map.of("exit_code", 0L));

        assertThat(e.verdict()).isEqualTo(Evaluation.Verdict.ERROR);
        assertThat(e.observed())
                .isEqualTo("it reads a variable this step does not set; it has [exit_code]");
    }

    @Test
    void validatePointsAtTheColumnOfTheMistake() {
        Position at = new Position(Path.of("r.md"), 12, 40);

        assertThat(Expressions.validate("status == 200 && heath.ok", at).orElseThrow().toString())
                .isEqualTo(
                        "r.md:12:57: bad expression: unknown name \"heath\"; did you mean \"health\"?");
        assertThat(Expressions.validate("status == 200 and body.ok", at)).isEmpty();
    }
}
