package io.tensorwasm.ops.oncall.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.incident.TimelineEvent.Kind;
import io.tensorwasm.ops.oncall.paging.OnCallNow;
import io.tensorwasm.ops.oncall.paging.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident page as an on-call reads it at 03:00 (issue #17, items 3 and 5). */
class IncidentViewTest {

    private static final Instant OPENED = Instant.parse("2026-12-05T03:00:00Z");

    @Test
    void foldsARunUnderItsHeaderOneLinePerStepWithTimesSinceTheOpening() {
        List<IncidentPage.Block> blocks =
                TimelineBlocks.of(
                        OPENED,
                        List.of(
                                new TimelineEvent(at(0), Kind.ALERT_FIRING, "FastBurn firing"),
                                run(
                                        1,
                                        Kind.RUN_STARTED,
                                        "execution 7 of fast started (automatic)",
                                        0),
                                run(2, Kind.STEP, "step 1 started: target restart", 1),
                                run(
                                        4,
                                        Kind.STEP,
                                        "step 1 started again (attempt 2): target restart",
                                        1),
                                run(
                                        14,
                                        Kind.CHECK,
                                        "step 1 passed: exit_code == 0; observed exit_code=0",
                                        1),
                                run(
                                        15,
                                        Kind.RUN_FINISHED,
                                        "execution 7 of fast succeeded in 14.0 s: done",
                                        0),
                                new TimelineEvent(at(75), Kind.RESOLVED, "closed")));

        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).entry().at()).isEqualTo("+0 s");
        assertThat(blocks.get(0).entry().full()).isEqualTo("2026-12-05 03:00:00 UTC");
        IncidentPage.Run run = blocks.get(1).run();
        assertThat(run.title()).isEqualTo("execution 7 of fast (automatic)");
        assertThat(run.outcome()).isEqualTo("succeeded in 14.0 s: done");
        assertThat(run.css()).isEqualTo("succeeded");
        assertThat(run.steps())
                .singleElement()
                .satisfies(
                        step -> {
                            assertThat(step.action()).isEqualTo("target restart");
                            assertThat(step.result())
                                    .isEqualTo("passed: exit_code == 0; observed exit_code=0");
                            assertThat(step.at()).isEqualTo("+2 s");
                            assertThat(step.entries()).hasSize(3);
                        });
        assertThat(blocks.get(2).entry().at()).isEqualTo("+1 min 15 s");
    }

    @Test
    void saysWhoIsPagedNowAndWhenTheNextEscalationFiresAndToWhom() {
        OnCallNow now =
                new OnCallNow(
                        Optional.of(
                                new OnCallNow.Page(
                                        Tier.PRIMARY,
                                        "Ana",
                                        at(14),
                                        Optional.empty(),
                                        Optional.empty(),
                                        false)),
                        Optional.of(
                                new OnCallNow.Next(
                                        Instant.parse("2026-12-05T03:05:14Z"),
                                        Optional.of(Tier.SECONDARY),
                                        Optional.of("Bo"))));

        IncidentPage.OnCall onCall = IncidentView.onCall(facts(Severity.SEV_1, now));

        assertThat(onCall.now())
                .isEqualTo("Paged now: Ana (primary), since +14 s, not acknowledged.");
        assertThat(onCall.next())
                .isEqualTo(
                        "Next escalation at 03:05 UTC (in 4 min 14 s) to Bo (secondary), unless"
                                + " someone acknowledges.");
        assertThat(IncidentView.onCall(facts(Severity.SEV_3, OnCallNow.NOBODY)).now())
                .isEqualTo("Nobody is paged: a sev-3 is filed and never pages.");
    }

    private static IncidentView.Facts facts(Severity severity, OnCallNow now) {
        Incident incident =
                new Incident(
                        3,
                        "fp@2026-12-05T02:59:00Z",
                        "FastBurn on rt",
                        severity,
                        Incident.Status.OPEN,
                        Optional.of("FastBurn"),
                        Optional.of("fast"),
                        "rt",
                        OPENED,
                        Optional.empty());
        return new IncidentView.Facts(
                incident,
                List.of(),
                Optional.empty(),
                List.of("FastBurn"),
                List.of("FastBurn"),
                now,
                true,
                true,
                new Principal("t1", "ana", Role.OPERATOR),
                at(60),
                "1.1.0");
    }

    private static TimelineEvent run(int second, Kind kind, String text, int step) {
        return new TimelineEvent(
                at(second),
                kind,
                text,
                Optional.of(7L),
                step == 0 ? Optional.empty() : Optional.of(step));
    }

    private static Instant at(int second) {
        return OPENED.plusSeconds(second);
    }
}
