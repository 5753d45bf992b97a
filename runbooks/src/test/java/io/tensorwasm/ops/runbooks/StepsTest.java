package io.tensorwasm.ops.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.Action;
import io.tensorwasm.ops.engine.model.Check;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsTest {

    @Test
    void everyStepTheRuntimeOrPrometheusAnswersIsMachineCheckable() {
        List<String> answerable = new ArrayList<>();
        for (Runbook page : Pages.all()) {
            for (Step step : page.steps()) {
                if (!runtimeAnswers(step)) {
                    continue;
                }
                String where = page.id() + " step " + step.number() + ": " + step.action().text();
                answerable.add(where);
                assertThat(step.check()).as(where).isPresent();
                assertThat(step.check().get().machineCheckable()).as(where).isTrue();
            }
        }
        assertThat(answerable).hasSizeGreaterThanOrEqualTo(50);
    }

    @Test
    void noPageLeavesACheckToAPersonsJudgement() {
        for (Runbook page : Pages.all()) {
            assertThat(page.steps())
                    .as(page.id())
                    .flatExtracting(s -> s.check().stream().toList())
                    .allMatch(Check::machineCheckable);
        }
    }

    @Test
    void automaticPagesHaveNoStepThatWaitsForAPerson() {
        for (Runbook page : Pages.all()) {
            if (page.metadata().automation().word().equals("auto")) {
                assertThat(page.steps()).as(page.id()).noneMatch(Step::needsPerson);
            }
        }
    }

    @Test
    void totalsAddUpAndFitTheSla() {
        for (Runbook page : Pages.all()) {
            assertThat(page.estimatedTotal())
                    .as(page.id())
                    .isEqualTo(page.metadata().total().orElseThrow())
                    .isLessThanOrEqualTo(page.metadata().sla().orElseThrow());
        }
    }

    private static boolean runtimeAnswers(Step step) {
        Action action = step.action();
        boolean check = step.check().map(c -> c.expression().contains("metric(")).orElse(false);
        return (action instanceof Action.Http http && http.url().startsWith("{runtime}"))
                || action instanceof Action.Promql
                || (action instanceof Action.Cli cli && cli.tool().equals("tensor-wasm"))
                || check;
    }
}
