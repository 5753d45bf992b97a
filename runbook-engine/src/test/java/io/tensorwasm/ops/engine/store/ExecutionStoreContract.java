package io.tensorwasm.ops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.engine.model.CheckResult;
import io.tensorwasm.ops.engine.model.GuardrailException;
import io.tensorwasm.ops.engine.model.Guardrails;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of every execution store, written once; subclasses supply the database. It stays
 * one class past 400 lines because it is the one contract that H2 and PostgreSQL both run.
 */
abstract class ExecutionStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Guardrails TWO_PER_HOUR = new Guardrails(2, Duration.ofMinutes(10));

    ExecutionStore store;

    /** A fresh, empty store whose heartbeat goes stale after two seconds. */
    abstract ExecutionStore openStore();

    /** A second store, with its own pool, on the database of the last {@link #openStore()}. */
    abstract ExecutionStore openSecondNode();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void recordsAnExecutionWithItsStepsAndReadsThemBack() {
        long id = store.begin(interactive("runtime-unhealthy", "runtime", T0));
        CheckResult check =
                new CheckResult(
                        CheckResult.Outcome.PASSED,
                        "status == 200 within 10s",
                        "status=200",
                        3,
                        Duration.ofSeconds(2));
        store.recordStep(
                id,
                new StepResult(
                        1,
                        "http GET {runtime}/healthz",
                        StepResult.Status.PASSED,
                        check,
                        T0,
                        T0.plusSeconds(2),
                        1,
                        "alice",
                        "",
                        "GET -> 200"));
        store.recordStep(
                id,
                new StepResult(
                        2,
                        "wait 5s",
                        StepResult.Status.SKIPPED,
                        CheckResult.none(),
                        T0.plusSeconds(2),
                        T0.plusSeconds(2),
                        0,
                        "alice",
                        "skipped by alice: not needed",
                        ""));
        store.finish(id, RunStatus.SUCCEEDED, T0.plusSeconds(3), "every step done");

        ExecutionRecord record = store.find(id).orElseThrow();

        assertThat(record.summary().runbookId()).isEqualTo("runtime-unhealthy");
        assertThat(record.summary().contentHash()).isEqualTo("c0ffee");
        assertThat(record.summary().mode()).isEqualTo(Mode.INTERACTIVE);
        assertThat(record.summary().trigger()).isEqualTo(Trigger.person("alice"));
        assertThat(record.summary().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(record.summary().started()).isEqualTo(T0);
        assertThat(record.summary().finished()).contains(T0.plusSeconds(3));
        assertThat(record.summary().sla()).contains(Duration.ofMinutes(15));
        assertThat(record.steps()).hasSize(2);
        StepResult first = record.steps().get(0);
        assertThat(first.check().observed()).isEqualTo("status=200");
        assertThat(first.check().polls()).isEqualTo(3);
        assertThat(first.approver()).isEqualTo("alice");
        assertThat(first.output()).isEqualTo("GET -> 200");
        assertThat(record.steps().get(1).note()).isEqualTo("skipped by alice: not needed");
    }

    @Test
    void listsRecentExecutionsNewestFirst() {
        long first = store.begin(interactive("a", "runtime", T0));
        store.finish(first, RunStatus.FAILED, T0.plusSeconds(1), "step 1 failed");
        long second = store.begin(automatic("b", "runtime", T0.plusSeconds(5)));

        assertThat(store.recent(10))
                .extracting(ExecutionSummary::id)
                .containsExactly(second, first);
        assertThat(store.recent(1)).extracting(ExecutionSummary::runbookId).containsExactly("b");
        assertThat(store.find(second).orElseThrow().summary().trigger())
                .isEqualTo(Trigger.alert("fp-123"));
    }

    @Test
    void refusesASecondRunOfTheSameRunbookOnTheSameTarget() {
        long id = store.begin(interactive("runtime-unhealthy", "runtime", T0));

        assertThatThrownBy(
                        () ->
                                store.begin(
                                        interactive(
                                                "runtime-unhealthy", "runtime", T0.plusSeconds(1))))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "runtime-unhealthy on runtime: execution "
                                + id
                                + " is already running; one run per runbook and target at a time");
        long other = store.begin(interactive("runtime-unhealthy", "canary", T0.plusSeconds(1)));
        store.finish(id, RunStatus.SUCCEEDED, T0.plusSeconds(2), "done");
        assertThat(store.begin(interactive("runtime-unhealthy", "runtime", T0.plusSeconds(3))))
                .isGreaterThan(other);
    }

    @Test
    void limitsAutomaticRunsPerHour() {
        Instant t = T0;
        for (int i = 0; i < 2; i++) {
            long id = store.begin(automatic("r", "runtime", t));
            store.finish(id, RunStatus.SUCCEEDED, t, "done");
            t = t.plus(Duration.ofMinutes(11));
        }
        Instant third = t;

        assertThatThrownBy(() -> store.begin(automatic("r", "runtime", third)))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "r: 2 automatic runs on runtime in the last hour, the most its guardrails"
                                + " allow");
        assertThat(store.begin(automatic("r", "runtime", T0.plus(Duration.ofMinutes(61)))))
                .isPositive();
    }

    @Test
    void guardrailsCountPerTargetSoOneFleetMemberDoesNotUseUpAnother() {
        for (int i = 0; i < 2; i++) {
            Instant at = T0.plus(Duration.ofMinutes(11L * i));
            long id = store.begin(automatic("r", "replica-1", at));
            store.finish(id, RunStatus.SUCCEEDED, at, "done");
        }
        Instant later = T0.plus(Duration.ofMinutes(22));

        assertThatThrownBy(() -> store.begin(automatic("r", "replica-1", later)))
                .isInstanceOf(GuardrailException.class)
                .hasMessageContaining("2 automatic runs on replica-1 in the last hour");
        assertThat(store.begin(automatic("r", "replica-2", later))).isPositive();
    }

    @Test
    void keepsTheCooldownAfterAnAutomaticRun() {
        long id = store.begin(automatic("r", "runtime", T0));
        store.finish(id, RunStatus.ESCALATED, T0.plusSeconds(30), "escalated");

        assertThatThrownBy(
                        () ->
                                store.begin(
                                        automatic("r", "runtime", T0.plus(Duration.ofMinutes(5)))))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "r: cooling down until 2026-11-25T10:10:30Z (10m after the last automatic"
                                + " run on runtime)");
        assertThat(store.begin(interactive("r", "runtime", T0.plus(Duration.ofMinutes(5)))))
                .isPositive();
    }

    @Test
    void saysWhyItWouldRefuseARunWithoutRecordingAnything() {
        long auto = store.begin(automatic("r", "runtime", T0));
        store.finish(auto, RunStatus.SUCCEEDED, T0.plusSeconds(30), "done");
        Instant later = T0.plus(Duration.ofMinutes(5));

        assertThat(store.refusal(automatic("r", "runtime", later)))
                .contains(
                        "r: cooling down until 2026-11-25T10:10:30Z (10m after the last automatic"
                                + " run on runtime)");
        NewExecution overridden = automatic("r", "runtime", later);
        assertThat(
                        store.refusal(
                                new NewExecution(
                                        "r",
                                        "c0ffee",
                                        Mode.AUTOMATIC,
                                        Trigger.person("bo"),
                                        "runtime",
                                        later,
                                        overridden.estimated(),
                                        overridden.sla(),
                                        Optional.of(TWO_PER_HOUR.withoutCooldown()))))
                .isEmpty();
        long held = store.begin(interactive("r", "runtime", later));
        assertThat(store.refusal(interactive("r", "runtime", later)))
                .contains(
                        "r on runtime: execution "
                                + held
                                + " is already running; one run per runbook and target at a time");
        assertThat(store.refusal(interactive("r", "canary", later))).isEmpty();
        store.engageKillSwitch("carol", "noisy alert", later);
        assertThat(store.refusal(automatic("r", "canary", T0.plus(Duration.ofMinutes(30)))))
                .contains(
                        "r: the kill switch is engaged by carol (noisy alert); automatic runs are"
                                + " off");
        assertThat(store.recent(10)).hasSize(2);
    }

    @Test
    void killSwitchStopsAutomaticRunsOnly() {
        store.engageKillSwitch("carol", "noisy alert", T0);

        assertThat(store.killSwitchEngaged()).isTrue();
        assertThat(store.killSwitch())
                .isEqualTo(new KillSwitch(true, "carol", "noisy alert", Optional.of(T0)));
        assertThatThrownBy(() -> store.begin(automatic("r", "runtime", T0)))
                .isInstanceOf(GuardrailException.class)
                .hasMessage(
                        "r: the kill switch is engaged by carol (noisy alert); automatic runs are off");
        long manual = store.begin(interactive("r", "runtime", T0));
        store.finish(manual, RunStatus.SUCCEEDED, T0, "done");
        store.releaseKillSwitch("carol", T0);
        assertThat(store.killSwitchEngaged()).isFalse();
        assertThat(store.begin(automatic("r", "runtime", T0.plusSeconds(1)))).isPositive();
    }

    @Test
    void marksARunWithoutHeartbeatInterruptedWithItsFinishedSteps() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        long id = store.begin(interactive("r", "runtime", now));
        store.recordStep(
                id,
                new StepResult(
                        1,
                        "wait 1s",
                        StepResult.Status.PASSED,
                        CheckResult.none(),
                        now,
                        now.plusSeconds(1),
                        1,
                        "alice",
                        "",
                        ""));

        assertThat(store.markInterrupted(now.plusSeconds(1))).isZero();
        assertThat(store.markInterrupted(now.plusSeconds(10))).isEqualTo(1);

        ExecutionRecord record = store.find(id).orElseThrow();
        assertThat(record.summary().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(record.summary().summary())
                .startsWith("interrupted: no heartbeat for more than 2s");
        assertThat(record.steps()).extracting(StepResult::step).containsExactly(1);
        assertThat(store.begin(interactive("r", "runtime", now.plusSeconds(11)))).isGreaterThan(id);
    }

    @Test
    void aHeartbeatKeepsARunAlive() {
        long id = store.begin(interactive("r", "runtime", T0));
        store.heartbeat(id, T0.plusSeconds(60));

        assertThat(store.markInterrupted(T0.plusSeconds(61))).isZero();
        assertThat(store.find(id).orElseThrow().summary().status()).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void twoNodesRacingForTheLastAutomaticRunAdmitExactlyOne() throws Exception {
        Guardrails onePerHour = new Guardrails(1, Duration.ZERO);
        try (ExecutionStore second = openSecondNode()) {
            List<ExecutionStore> nodes = List.of(store, second);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Boolean>> admitted = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ExecutionStore node = nodes.get(i % 2);
                NewExecution run =
                        new NewExecution(
                                "r",
                                "c0ffee",
                                Mode.AUTOMATIC,
                                Trigger.alert("fp-" + i),
                                "runtime",
                                T0,
                                Duration.ofMinutes(1),
                                Optional.empty(),
                                Optional.of(onePerHour));
                admitted.add(
                        pool.submit(
                                () -> {
                                    go.await();
                                    try {
                                        // Finished at once, so the run lock is free again and
                                        // only the hourly count can refuse the others.
                                        long id = node.begin(run);
                                        node.finish(id, RunStatus.SUCCEEDED, T0, "done");
                                        return true;
                                    } catch (GuardrailException refused) {
                                        return false;
                                    }
                                }));
            }
            go.countDown();
            int count = 0;
            for (Future<Boolean> f : admitted) {
                count += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();

            assertThat(count).isEqualTo(1);
            assertThat(store.recent(10)).hasSize(1);
        }
    }

    @Test
    void recordsADryRunWithoutTakingTheRunLock() {
        long running = store.begin(interactive("runtime-unhealthy", "runtime", T0));
        long dryRun =
                store.begin(
                        new NewExecution(
                                "runtime-unhealthy",
                                "c0ffee",
                                Mode.DRY_RUN,
                                Trigger.person("bob"),
                                "runtime",
                                T0.plusSeconds(1),
                                Duration.ofMinutes(4),
                                Optional.empty(),
                                Optional.empty()));
        store.finish(dryRun, RunStatus.SUCCEEDED, T0.plusSeconds(1), "planned 2 steps");

        assertThat(store.find(dryRun).orElseThrow().summary().mode()).isEqualTo(Mode.DRY_RUN);
        assertThatThrownBy(
                        () ->
                                store.begin(
                                        interactive(
                                                "runtime-unhealthy", "runtime", T0.plusSeconds(2))))
                .hasMessageContaining("execution " + running + " is already running");
    }

    @Test
    void pagesTheHistoryNewestFirstAndCountsWhatMatches() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long id = store.begin(interactive("r" + i % 2, "runtime", T0.plusSeconds(i)));
            store.finish(id, RunStatus.SUCCEEDED, T0.plusSeconds(i), "done");
            ids.add(id);
        }
        HistoryQuery query = HistoryQuery.builder().limit(3).build();

        HistorySlice first = store.history(query);
        assertThat(first.executions())
                .extracting(ExecutionSummary::id)
                .containsExactly(ids.get(6), ids.get(5), ids.get(4));
        assertThat(first.matching()).isEqualTo(7);
        assertThat(first.older()).isTrue();
        assertThat(first.newer()).isFalse();

        HistorySlice last = store.history(query.olderThan(ids.get(1)));
        assertThat(last.executions()).extracting(ExecutionSummary::id).containsExactly(ids.get(0));
        assertThat(last.older()).isFalse();
        assertThat(last.newer()).isTrue();

        HistorySlice back = store.history(query.newerThan(ids.get(0)));
        assertThat(back.executions())
                .extracting(ExecutionSummary::id)
                .containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(back.newer()).isTrue();
        assertThat(back.older()).isTrue();
    }

    @Test
    void filtersTheHistoryByRunbookModeOutcomeAndTrigger() {
        long a = store.begin(interactive("a", "runtime", T0));
        store.finish(a, RunStatus.ABORTED, T0.plusSeconds(1), "aborted by alice");
        long b = store.begin(automatic("b", "runtime", T0.plusSeconds(2)));
        store.finish(b, RunStatus.SUCCEEDED, T0.plusSeconds(3), "done");
        long c = store.begin(interactive("b", "canary", T0.plusSeconds(4)));
        store.finish(c, RunStatus.SUCCEEDED, T0.plusSeconds(5), "done");

        assertThat(ids(HistoryQuery.builder().runbook("b").build())).containsExactly(c, b);
        assertThat(ids(HistoryQuery.builder().mode(Mode.INTERACTIVE).build()))
                .containsExactly(c, a);
        assertThat(ids(HistoryQuery.builder().status(RunStatus.ABORTED).build()))
                .containsExactly(a);
        assertThat(ids(HistoryQuery.builder().trigger(Trigger.Source.ALERT).build()))
                .containsExactly(b);
        HistorySlice none =
                store.history(
                        HistoryQuery.builder().runbook("a").status(RunStatus.SUCCEEDED).build());
        assertThat(none.executions()).isEmpty();
        assertThat(none.matching()).isZero();
        assertThat(none.older()).isFalse();
    }

    private List<Long> ids(HistoryQuery query) {
        return store.history(query).executions().stream().map(ExecutionSummary::id).toList();
    }

    private static NewExecution interactive(String runbook, String target, Instant at) {
        return new NewExecution(
                runbook,
                "c0ffee",
                Mode.INTERACTIVE,
                Trigger.person("alice"),
                target,
                at,
                Duration.ofMinutes(4),
                Optional.of(Duration.ofMinutes(15)),
                Optional.empty());
    }

    private static NewExecution automatic(String runbook, String target, Instant at) {
        return new NewExecution(
                runbook,
                "c0ffee",
                Mode.AUTOMATIC,
                Trigger.alert("fp-123"),
                target,
                at,
                Duration.ofMinutes(4),
                Optional.empty(),
                Optional.of(TWO_PER_HOUR));
    }
}
