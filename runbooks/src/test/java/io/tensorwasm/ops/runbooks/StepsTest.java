package io.tensorwasm.ops.runbooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StepsTest {

    private static final List<RunbookPage> PAGES = RunbookCatalogue.load();
    private static final Pattern TOTAL =
            Pattern.compile(
                    "Total estimated duration: ([0-9hms]+) \\(within ([0-9dhms]+) SLA\\)\\.");

    @Test
    void everyPageNumbersItsStepsFromOneWithoutGaps() {
        for (RunbookPage page : PAGES) {
            List<String> numbers = page.steps().stream().map(RunbookPage.Step::number).toList();
            assertThat(numbers).as(page.source()).isNotEmpty();
            for (int i = 0; i < numbers.size(); i++) {
                assertThat(numbers.get(i)).as(page.source()).isEqualTo(String.valueOf(i + 1));
            }
        }
    }

    @Test
    void everyActionIsATypedVerbAndEveryOnFailureIsKnown() {
        List<String> errors = new ArrayList<>();
        for (RunbookPage page : PAGES) {
            for (RunbookPage.Step step : page.steps()) {
                String where = page.source() + ":" + step.line() + ": step " + step.number() + ": ";
                if (!StepGrammar.isAction(step.action())) {
                    errors.add(where + "unknown action \"" + step.action() + "\"");
                }
                if (!StepGrammar.ON_FAILURE.matcher(step.onFailure()).matches()) {
                    errors.add(where + "unknown On failure \"" + step.onFailure() + "\"");
                }
                StepGrammar.duration(step.within());
            }
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void stepsThatTheRuntimeAnswersAreMachineChecked() {
        for (RunbookPage page : PAGES) {
            for (RunbookPage.Step step : page.steps()) {
                String verb = StepGrammar.verb(step.action());
                String where = page.source() + ": step " + step.number();
                if (StepGrammar.MACHINE_CHECKED.contains(verb)) {
                    assertThat(step.expected()).as(where).isNotEqualTo("-");
                }
                if (step.expected().equals("-")) {
                    assertThat(StepGrammar.UNCHECKED).as(where).contains(verb);
                }
                if (step.onFailure().equals("-")) {
                    assertThat(verb).as(where).isIn("goto", "wait");
                    assertThat(step.expected()).as(where).isEqualTo("-");
                }
            }
        }
    }

    @Test
    void jumpsLandOnStepsOfTheSamePageAndRunbookHandOversNameRealRunbooks() {
        for (RunbookPage page : PAGES) {
            int last = page.steps().size();
            for (RunbookPage.Step step : page.steps()) {
                for (int target : StepGrammar.jumps(step.action(), step.onFailure())) {
                    assertThat(target)
                            .as("%s: step %s jumps", page.source(), step.number())
                            .isBetween(1, last);
                }
                Matcher onFailure = Pattern.compile("runbook ([a-z-]+)").matcher(step.onFailure());
                if (onFailure.matches()) {
                    RunbookCatalogue.page(onFailure.group(1));
                }
                Matcher decide = Pattern.compile("=runbook:([a-z-]+)").matcher(step.action());
                while (decide.find()) {
                    RunbookCatalogue.page(decide.group(1));
                }
            }
        }
    }

    @Test
    void placeholdersAreTheRuntimeEarlierStepsOrDeclaredParameters() {
        for (RunbookPage page : PAGES) {
            Object params = page.front().getOrDefault("params", Map.of());
            for (RunbookPage.Step step : page.steps()) {
                for (String name : StepGrammar.placeholders(step.action())) {
                    boolean known =
                            name.equals("runtime")
                                    || name.matches("steps\\.[0-9]+\\.[a-z_.]+")
                                    || ((Map<?, ?>) params).containsKey(name);
                    assertThat(known)
                            .as("%s: step %s: {%s}", page.source(), step.number(), name)
                            .isTrue();
                }
            }
        }
    }

    @Test
    void estimatesAddUpToTheStatedTotalWithinTheSla() {
        for (RunbookPage page : PAGES) {
            String text =
                    String.join(
                            "\n", page.sections().stream().map(RunbookPage.Section::text).toList());
            Matcher m = TOTAL.matcher(text);
            assertThat(m.find()).as("%s: a Total estimated duration line", page.source()).isTrue();
            Duration sum =
                    page.steps().stream()
                            .map(s -> StepGrammar.duration(s.within()))
                            .reduce(Duration.ZERO, Duration::plus);
            Duration total = StepGrammar.duration(m.group(1));
            assertThat(StepGrammar.format(total))
                    .as("%s: the steps add up to %s", page.source(), StepGrammar.format(sum))
                    .isEqualTo(StepGrammar.format(sum));
            assertThat(StepGrammar.duration(m.group(2)))
                    .as(page.source())
                    .isEqualTo(StepGrammar.duration(page.front("sla")));
            assertThat(total)
                    .as("%s: total within the SLA", page.source())
                    .isLessThanOrEqualTo(StepGrammar.duration(page.front("sla")));
        }
    }
}
