package io.tensorwasm.ops.oncall.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The on-call report against a hand computation on seeded incidents:
 *
 * <pre>
 * A  sev-1  runbook r1  opened Mon 2026-10-19 02:00Z  ack +4m   resolved +30m   paged Ana 02:00 (night)
 * B  sev-2  runbook r1  opened Tue 2026-10-20 10:00Z  ack +10m  resolved +60m   paged Ana 10:00, Bo 10:05
 * C  sev-2  runbook r2  opened Tue 2026-10-27 23:00Z  ack +2m   open            paged Ana 23:00 (night)
 * D  sev-3  no runbook  opened Sat 2026-10-24 12:00Z  never acknowledged        not paged
 *
 * 2026-W43 (A, B, D): 3 incidents, 2 acknowledged, to acknowledge mean 7m median 7m; 2 resolved,
 *          mean 45m, median 45m.        2026-W44 (C): 1, 1 acked in 2m, none resolved.
 * sev-2 (B, C): acknowledged mean 6m, median 6m; 1 resolved in 60m.
 * r1 (A, B): acknowledged mean 7m; resolved mean 45m.     (none) (D): 1 incident, none acked.
 * Ana: 3 pages, 2 out of hours; Bo: 1 page, 0 out of hours.
 * </pre>
 */
class ResponseReportIT {

    private final Database database =
            Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final IncidentStore incidents = new IncidentStore(database.dataSource());

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void matchesTheHandComputation() {
        Incident a = incident("A", Severity.SEV_1, "r1", "2026-10-19T02:00:00Z", 4, 30);
        Incident b = incident("B", Severity.SEV_2, "r1", "2026-10-20T10:00:00Z", 10, 60);
        Incident c = incident("C", Severity.SEV_2, "r2", "2026-10-27T23:00:00Z", 2, -1);
        incident("D", Severity.SEV_3, null, "2026-10-24T12:00:00Z", -1, -1);
        page(a, "Ana", "2026-10-19T02:00:00Z");
        page(b, "Ana", "2026-10-20T10:00:00Z");
        page(b, "Bo", "2026-10-20T10:05:00Z");
        page(c, "Ana", "2026-10-27T23:00:00Z");

        ResponseReport.Report report =
                new ResponseReport(database.dataSource())
                        .of(
                                Instant.parse("2026-10-12T00:00:00Z"),
                                Instant.parse("2026-11-09T00:00:00Z"),
                                ZoneOffset.UTC);

        assertThat(report.byWeek())
                .containsExactly(
                        new Figures("2026-W43", 3, 2, min(7), min(7), 2, min(45), min(45)),
                        new Figures("2026-W44", 1, 1, min(2), min(2), 0, none(), none()));
        assertThat(report.bySeverity())
                .containsExactly(
                        new Figures("sev-1", 1, 1, min(4), min(4), 1, min(30), min(30)),
                        new Figures("sev-2", 2, 2, min(6), min(6), 1, min(60), min(60)),
                        new Figures("sev-3", 1, 0, none(), none(), 0, none(), none()));
        assertThat(report.byRunbook())
                .containsExactly(
                        new Figures("(none)", 1, 0, none(), none(), 0, none(), none()),
                        new Figures("r1", 2, 2, min(7), min(7), 2, min(45), min(45)),
                        new Figures("r2", 1, 1, min(2), min(2), 0, none(), none()));
        assertThat(report.pages())
                .containsExactly(
                        new ResponseReport.Pages("Ana", 3, 2),
                        new ResponseReport.Pages("Bo", 1, 0));
    }

    @Test
    void countsWeekendsAndEveningsOutOfHours() {
        assertThat(ResponseReport.outOfHours(Instant.parse("2026-10-24T12:00:00Z"), ZoneOffset.UTC))
                .isTrue();
        assertThat(ResponseReport.outOfHours(Instant.parse("2026-10-20T18:00:00Z"), ZoneOffset.UTC))
                .isTrue();
        assertThat(ResponseReport.outOfHours(Instant.parse("2026-10-20T08:59:00Z"), ZoneOffset.UTC))
                .isTrue();
        assertThat(ResponseReport.outOfHours(Instant.parse("2026-10-20T09:00:00Z"), ZoneOffset.UTC))
                .isFalse();
    }

    private static Optional<Duration> min(long minutes) {
        return Optional.of(Duration.ofMinutes(minutes));
    }

    private static Optional<Duration> none() {
        return Optional.empty();
    }

    private Incident incident(
            String key,
            Severity severity,
            String runbook,
            String opened,
            long ackAfter,
            long resolveAfter) {
        Instant at = Instant.parse(opened);
        Incident incident =
                incidents
                        .open(
                                new IncidentStore.NewIncident(
                                        key, "test " + key, severity, "A", runbook, "rt-1"),
                                at)
                        .incident();
        if (ackAfter >= 0) {
            incidents.append(
                    incident.id(),
                    TimelineEvent.Kind.ACKNOWLEDGED,
                    "acknowledged",
                    at.plus(Duration.ofMinutes(ackAfter)));
            incidents.append(
                    incident.id(),
                    TimelineEvent.Kind.ACKNOWLEDGED,
                    "acknowledged again",
                    at.plus(Duration.ofMinutes(ackAfter + 20)));
            incidents.setStatus(
                    incident.id(),
                    Incident.Status.ACKNOWLEDGED,
                    at.plus(Duration.ofMinutes(ackAfter)));
        }
        if (resolveAfter >= 0) {
            incidents.setStatus(
                    incident.id(),
                    Incident.Status.RESOLVED,
                    at.plus(Duration.ofMinutes(resolveAfter)));
        }
        return incident;
    }

    private void page(Incident incident, String person, String sent) {
        new Jdbc(database.dataSource(), "pages")
                .update(
                        "insert into page (incident_id, tier, person, dedup_key, sent_at, ack_deadline, delivery, message) values (?, 'primary', ?, ?, ?, ?, 'delivered', '{}')",
                        s -> {
                            s.setLong(1, incident.id());
                            s.setString(2, person);
                            s.setString(3, incident.dedupKey());
                            s.setTimestamp(4, Timestamp.from(Instant.parse(sent)));
                            s.setTimestamp(
                                    5,
                                    Timestamp.from(
                                            Instant.parse(sent).plus(Duration.ofMinutes(5))));
                        });
    }
}
