package io.tensorwasm.ops.oncall.incident;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The runs that worked each incident (issue #17): the automatic or prepared run of its runbook, and
 * every interactive run a person started for it. An execution's page links back to its incident
 * through them, and the incident's timeline groups each run's entries.
 */
public final class RunLinks {

    private final Jdbc jdbc;

    RunLinks(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource, "incident runs");
    }

    /**
     * A run of an incident.
     *
     * @param incident the incident
     * @param executionId the run
     * @param how how it came to work the incident: {@code automatic}, {@code interactive, by ana}
     */
    public record Link(Incident incident, long executionId, String how) {}

    /** Links the run to the incident; linking it again changes nothing. */
    public void attach(long incidentId, long executionId, String how, Instant at) {
        jdbc.insertOnce(
                "insert into incident_run (execution_id, incident_id, how, attached_at)"
                        + " values (?, ?, ?, ?)",
                s -> {
                    s.setLong(1, executionId);
                    s.setLong(2, incidentId);
                    s.setString(3, Texts.clip(how, 60));
                    s.setTimestamp(4, Timestamp.from(at));
                });
    }

    /** The incident a run worked, if it worked one. */
    public Optional<Link> incidentOf(long executionId) {
        return incidentsOf(List.of(executionId)).values().stream().findFirst();
    }

    /** The incidents the runs worked, by execution id; runs of no incident are left out. */
    public Map<Long, Link> incidentsOf(Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return Map.of();
        }
        String marks = executionIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        List<Long> ids = List.copyOf(executionIds);
        Map<Long, Link> links = new LinkedHashMap<>();
        jdbc.query(
                        "select r.execution_id, r.how, i.* from incident_run r join incident i"
                                + " on i.id = r.incident_id where r.execution_id in ("
                                + marks
                                + ")",
                        s -> {
                            for (int i = 0; i < ids.size(); i++) {
                                s.setLong(i + 1, ids.get(i));
                            }
                        },
                        rs ->
                                new Link(
                                        IncidentStore.read(rs),
                                        rs.getLong("execution_id"),
                                        rs.getString("how")))
                .forEach(link -> links.put(link.executionId(), link));
        return links;
    }

    /** The runs of an incident, oldest first, with how each came to work it. */
    public Map<Long, String> of(long incidentId) {
        Map<Long, String> runs = new LinkedHashMap<>();
        jdbc.query(
                        "select execution_id, how from incident_run where incident_id = ?"
                                + " order by attached_at, execution_id",
                        s -> s.setLong(1, incidentId),
                        rs -> Map.entry(rs.getLong(1), rs.getString(2)))
                .forEach(e -> runs.put(e.getKey(), e.getValue()));
        return runs;
    }
}
