package io.tensorwasm.ops.web.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.web.ConsoleParts;
import io.tensorwasm.ops.web.ConsoleRoutes;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run prepared for an approver outlives the console that prepared it (hardening, finding 10): the
 * stop does not count as a refusal, the incident keeps waiting, and the next start prepares the run
 * again in its place, with the same due time.
 */
class PreparedRunRestartIT {

    @TempDir Path dir;

    private OnCallFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aRunWaitingForAnApproverIsPreparedAgainAfterTheConsoleRestarts() throws Exception {
        fixture = new OnCallFixture(dir);
        OnCallSettings settings = fixture.settings().withApprovalTimeout(Duration.ofMinutes(10));
        Harness.serve(
                vertx -> ConsoleRoutes.create(vertx, fixture.parts(vertx, settings)),
                (port, client) -> {
                    fixture.deliver(client, Alerts.firing("LatencyHigh", "fp-restart"));
                    Incident incident = fixture.incident("fp-restart");
                    RemediationRecord before = fixture.remediation(incident);
                    long first = before.executionId().orElseThrow();
                    assertThat(before.state()).isEqualTo(RemediationState.AWAITING_APPROVAL);

                    fixture.current().close();

                    assertThat(fixture.remediation(incident).state())
                            .as("a stopped console declined nothing")
                            .isEqualTo(RemediationState.AWAITING_APPROVAL);
                    Vertx again = Vertx.vertx();
                    try {
                        ConsoleParts restarted = fixture.parts(again, settings);
                        assertThat(
                                        restarted
                                                .onCall()
                                                .runs()
                                                .store()
                                                .find(first)
                                                .orElseThrow()
                                                .summary()
                                                .status())
                                .isNotEqualTo(RunStatus.RUNNING);
                        restarted.onCall().startSweeps();
                        OnCallFixture.await(
                                "the run prepared again",
                                () ->
                                        fixture.remediation(incident)
                                                        .executionId()
                                                        .filter(id -> id != first)
                                                        .flatMap(
                                                                id ->
                                                                        restarted
                                                                                .onCall()
                                                                                .runs()
                                                                                .live(id))
                                                        .map(
                                                                run ->
                                                                        run.snapshot().pending()
                                                                                != null)
                                                        .orElse(false)
                                                // The note follows the new run's start.
                                                && fixture.timeline(incident).stream()
                                                        .anyMatch(
                                                                l ->
                                                                        l.startsWith(
                                                                                "NOTE the console"
                                                                                        + " restarted")));
                        RemediationRecord after = fixture.remediation(incident);
                        long second = after.executionId().orElseThrow();
                        assertThat(after.state()).isEqualTo(RemediationState.AWAITING_APPROVAL);
                        assertThat(after.dueAt()).isEqualTo(before.dueAt());
                        assertThat(fixture.timeline(incident))
                                .contains(
                                        "NOTE the console restarted: execution "
                                                + second
                                                + " waits for an approver in the place of"
                                                + " execution "
                                                + first);
                        assertThat(restarted.onCall().desk().remediation().restore())
                                .as("a second pass prepares nothing more")
                                .isZero();
                    } finally {
                        again.close();
                    }
                });
    }
}
