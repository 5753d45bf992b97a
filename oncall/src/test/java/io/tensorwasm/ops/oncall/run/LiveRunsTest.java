package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.exec.RecordingPager;
import io.tensorwasm.ops.engine.metrics.MetricSource;
import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.FreePort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveRunsTest {

    private static final String RUNBOOK =
            """
            ---
            id: drain-and-check
            kind: procedure
            sla: 5m
            ---

            # Drain and check

            | Step | Action | Expected | Within | On failure | Estimate |
            |---|---|---|---|---|---|
            | 1 | `check` | `2 > 1` | 1s | abort | 30s |
            | 2 | `confirm "Traffic is drained"` | | | abort | 1m |
            | 3 | `wait 100ms` | | | abort | 30s |
            """;

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final ExecutionStore store =
            JdbcExecutionStore.over(database.dataSource(), Duration.ofSeconds(30));
    private final LiveRuns runs =
            new LiveRuns(
                    new RunContexts(
                            Map.of("runtime", "http://127.0.0.1:" + FreePort.next()),
                            MetricSource.scrape(URI.create("http://127.0.0.1:1/metrics")),
                            Map.of(),
                            Map.of(),
                            new RecordingPager(),
                            store,
                            id -> Optional.empty(),
                            Duration.ofMillis(100),
                            "",
                            Optional.empty()),
                    new CheckPolls(database.dataSource()),
                    Clock.systemUTC());
    private final Runbook runbook = Catalog.parse(Path.of("drain-and-check.md"), RUNBOOK).get(0);

    @AfterEach
    void close() {
        runs.close();
        database.close();
    }

    @Test
    void drivesAnInteractiveRunWithTheAnswersItWaitsFor() {
        long id = runs.interactive(runbook, "ana");
        LiveRun live = runs.live(id).orElseThrow();

        Question review = awaitQuestion(live);
        assertThat(review.kind()).isEqualTo(Question.Kind.REVIEW);
        assertThat(review.step()).isEqualTo(1);
        assertThat(live.answer(review.number() + 1, Answer.approve("bo"))).isFalse();
        assertThat(live.answer(review.number(), Answer.confirm("bo", true))).isFalse();
        assertThat(live.answer(review.number(), Answer.approve("bo"))).isTrue();
        assertThat(live.answer(review.number(), Answer.approve("bo"))).isFalse();

        Question next = awaitQuestion(live);
        assertThat(next.step()).isEqualTo(2);
        assertThat(live.answer(next.number(), Answer.approve("bo"))).isTrue();
        Question confirm = awaitQuestion(live);
        assertThat(confirm.kind()).isEqualTo(Question.Kind.CONFIRM);
        assertThat(confirm.text()).isEqualTo("Traffic is drained");
        assertThat(live.answer(confirm.number(), Answer.confirm("bo", true))).isTrue();

        Question last = awaitQuestion(live);
        assertThat(last.step()).isEqualTo(3);
        assertThat(live.requestAbort(Answer.abort("bo", "enough for today")))
                .isEqualTo(LiveRun.AbortOutcome.NOW);

        ExecutionRecord record = awaitEnd(id);
        assertThat(record.summary().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(record.summary().summary())
                .isEqualTo("aborted by bo at step 3: enough for today");
        assertThat(record.steps())
                .extracting(StepResult::status)
                .containsExactly(
                        StepResult.Status.PASSED,
                        StepResult.Status.PASSED,
                        StepResult.Status.ABORTED);
        assertThat(record.steps().get(0).approver()).isEqualTo("bo");
        assertThat(runs.polls().of(id))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.step()).isEqualTo(1);
                            assertThat(p.verdict()).isEqualTo("holds");
                        });
        List<String> types = new ArrayList<>();
        live.subscribe(0, e -> types.add(e.type()));
        assertThat(String.join(" ", types))
                .isEqualTo(
                        "step-started question answered poll step-finished"
                                + " step-started question answered question answered step-finished"
                                + " step-started question answered step-finished finished");
        // The run leaves the live runs when its thread ends, just after the store records its
        // end: wait for that rather than race it (this failed once on a fresh clone).
        await(() -> runs.live(id).isEmpty(), "run " + id + " to leave the live runs");
    }

    @Test
    void refusesASecondRunOfTheRunbookWhileOneWaits() {
        long first = runs.interactive(runbook, "ana");
        awaitQuestion(runs.live(first).orElseThrow());

        assertThatThrownBy(() -> runs.interactive(runbook, "bo"))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "drain-and-check on runtime: execution "
                                + first
                                + " is already running; one run per runbook and target at a time");
    }

    @Test
    void endsAWaitingRunWhenTheConsoleStops() {
        long id = runs.interactive(runbook, "ana");
        awaitQuestion(runs.live(id).orElseThrow());

        runs.close();

        ExecutionRecord record = awaitEnd(id);
        assertThat(record.summary().status()).isEqualTo(RunStatus.ABORTED);
        assertThat(record.summary().summary())
                .isEqualTo("aborted by console at step 1: the console stopped");
    }

    @Test
    void recordsADryRunAsAPlanWithoutRunningAnything() {
        long id = runs.dryRun(runbook, "ana");

        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.summary().mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(record.summary().status()).isEqualTo(RunStatus.PLANNED);
        assertThat(record.summary().summary())
                .isEqualTo("planned; 3 steps, 2m within its SLA of 5m; 1 step needs a person");
        assertThat(record.steps())
                .extracting(StepResult::status)
                .containsOnly(StepResult.Status.PLANNED);
        assertThat(record.steps().get(0).check().observed()).isEqualTo("holds: ");
        assertThat(record.steps().get(1).note()).isEqualTo("not run: it needs a person");
        assertThat(runs.polls().of(id)).isEmpty();
    }

    @Test
    void aDryRunOfTheFastBurnRunbookWithoutPrometheusSaysWhichChecksItCouldNotRead() {
        Runbook fastBurn =
                RunbookLibrary.load(List.of()).runbook("availability-fast-burn").orElseThrow();

        ExecutionRecord record = store.find(runs.dryRun(fastBurn, "ana")).orElseThrow();

        assertThat(record.summary().status()).isEqualTo(RunStatus.PLANNED);
        assertThat(record.summary().summary())
                .isEqualTo(
                        "planned; 7 checks could not be read (steps 1, 3, 5, 6, 10, 11 and 12);"
                                + " 12 steps, 22m10s within its SLA of 30m; 0 steps need a person");
        List<String> unread =
                record.steps().stream()
                        .filter(s -> s.check().outcome() == CheckResult.Outcome.ERROR)
                        .map(s -> s.step() + " " + s.check().observed())
                        .toList();
        assertThat(unread)
                .hasSize(7)
                .allSatisfy(line -> assertThat(line).doesNotMatch(".*error: \\d+.*"))
                .contains(
                        "3 could not read: no target \"runtime\" in this run; targets are []",
                        "10 could not read: it reads the result of step 8, which a dry run does"
                                + " not run");
        assertThat(record.steps().get(9).note())
                .isEqualTo("read-only, not read: the check shows why");
        assertThat(record.steps().get(3).note()).isEqualTo("not run: a dry run changes nothing");
        assertThat(record.steps().get(3).check().outcome()).isEqualTo(CheckResult.Outcome.SKIPPED);
    }

    private static Question awaitQuestion(LiveRun live) {
        await(() -> live.snapshot().pending() != null, "a question");
        return live.snapshot().pending();
    }

    private ExecutionRecord awaitEnd(long id) {
        await(
                () -> store.find(id).orElseThrow().summary().status() != RunStatus.RUNNING,
                "the end of " + id);
        return store.find(id).orElseThrow();
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
