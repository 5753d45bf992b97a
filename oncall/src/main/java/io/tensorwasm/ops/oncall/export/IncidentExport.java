package io.tensorwasm.ops.oncall.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.KillSwitchChange;
import io.tensorwasm.ops.engine.store.Lineage;
import io.tensorwasm.ops.oncall.alert.AlertLedger;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentKey;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.PageRecord;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import io.tensorwasm.ops.oncall.run.CheckPolls;
import io.tensorwasm.ops.oncall.run.ExecutionView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One incident, whole, for its postmortem (issue #19): its alerts firing and resolved; its pages
 * and acknowledgements with the time to acknowledge; the approvals; every execution with each
 * step's estimate against its actual, its check and the values the check saw; the kill switch's
 * changes while it was open; the time to acknowledge and to resolve; and the timeline. {@link
 * #json} follows {@code docs/incident-export.schema.json}; {@link #markdown} is the same for
 * people.
 *
 * <pre>{@code
 * Optional<ObjectNode> export = onCall.export().json(7);
 * Optional<String> page = onCall.export().markdown(7);
 * }</pre>
 */
public final class IncidentExport {

    /** The format this export follows, named in every document. */
    public static final String FORMAT = "tensorwasm-ops/incident-export/v1";

    private static final Pattern EXECUTION = Pattern.compile("\\bexecution (\\d+)\\b");

    private final IncidentStore incidents;
    private final AlertLedger alerts;
    private final Paging paging;
    private final RemediationStore remediations;
    private final ExecutionStore executions;
    private final CheckPolls polls;
    private final Clock clock;

    /** An export over the console's records. */
    public IncidentExport(
            IncidentStore incidents,
            AlertLedger alerts,
            Paging paging,
            RemediationStore remediations,
            ExecutionStore executions,
            CheckPolls polls,
            Clock clock) {
        this.incidents = incidents;
        this.alerts = alerts;
        this.paging = paging;
        this.remediations = remediations;
        this.executions = executions;
        this.polls = polls;
        this.clock = clock;
    }

    /**
     * An export over a console database and its execution store, outside a running console ({@code
     * twops incident export}): pages are read, never sent.
     */
    public static IncidentExport over(
            javax.sql.DataSource dataSource, ExecutionStore executions, Clock clock) {
        IncidentStore incidents = new IncidentStore(dataSource);
        return new IncidentExport(
                incidents,
                new AlertLedger(dataSource),
                new Paging(
                        dataSource,
                        incidents,
                        io.tensorwasm.ops.oncall.paging.Rotations.none(),
                        clock),
                new RemediationStore(dataSource),
                executions,
                new CheckPolls(dataSource),
                clock);
    }

    /** The incident as JSON, or empty when there is no such incident. */
    public Optional<ObjectNode> json(long incidentId) {
        return incidents.find(incidentId).map(this::export);
    }

    /** The incident as Markdown, or empty when there is no such incident. */
    public Optional<String> markdown(long incidentId) {
        return json(incidentId).map(ExportMarkdown::render);
    }

    private ObjectNode export(Incident incident) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        Instant now = clock.instant();
        List<TimelineEvent> timeline = incidents.timeline(incident.id());
        List<PageRecord> pages = paging.history(incident.id());
        ObjectNode out = f.objectNode();
        out.put("format", FORMAT);
        out.put("exported_at", now.toString());
        out.set("incident", incident(incident));
        out.set("times", times(incident, pages));
        out.set("alerts", alerts(incident));
        ArrayNode pageArray = out.putArray("pages");
        pages.forEach(p -> pageArray.add(page(p)));
        ArrayNode acks = out.putArray("acknowledgements");
        timeline.stream()
                .filter(e -> e.kind() == TimelineEvent.Kind.ACKNOWLEDGED)
                .forEach(
                        e ->
                                acks.add(
                                        f.objectNode()
                                                .put("at", e.at().toString())
                                                .put("text", e.text())));
        Optional<RemediationRecord> remediation = remediations.find(incident.id());
        out.set(
                "remediation",
                remediation.<JsonNode>map(IncidentExport::remediation).orElse(f.nullNode()));
        ArrayNode approvals = out.putArray("approvals");
        ArrayNode runs = out.putArray("executions");
        for (long id : executionIds(incident, remediation, timeline)) {
            executions
                    .find(id)
                    .ifPresent(
                            record -> {
                                runs.add(execution(record));
                                approvals(record, approvals);
                            });
        }
        ArrayNode kill = out.putArray("kill_switch");
        for (KillSwitchChange c :
                executions.killSwitchChanges(
                        incident.openedAt(), incident.closedAt().orElse(now))) {
            kill.add(
                    f.objectNode()
                            .put("engaged", c.engaged())
                            .put("by", c.by())
                            .put("reason", c.reason())
                            .put("at", c.at().toString()));
        }
        ArrayNode lines = out.putArray("timeline");
        timeline.forEach(
                e ->
                        lines.add(
                                f.objectNode()
                                        .put("at", e.at().toString())
                                        .put(
                                                "kind",
                                                e.kind().name().toLowerCase(java.util.Locale.ROOT))
                                        .put("text", e.text())));
        return out;
    }

    private static ObjectNode incident(Incident i) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", i.id());
        o.put("title", i.title());
        o.put("severity", i.severity().label());
        o.put("status", i.status().label());
        put(o, "alert", i.alertName().orElse(null));
        put(o, "runbook", i.runbookId().orElse(null));
        o.put("host", i.host() == null ? "" : i.host());
        o.put("opened_at", i.openedAt().toString());
        put(o, "closed_at", i.closedAt().map(Instant::toString).orElse(null));
        return o;
    }

    /** Time to acknowledge (first page to first acknowledgement) and to resolve. */
    private static ObjectNode times(Incident incident, List<PageRecord> pages) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        Optional<Instant> firstPage =
                pages.stream().map(PageRecord::sentAt).min(Instant::compareTo);
        Optional<PageRecord> firstAck =
                pages.stream()
                        .filter(p -> p.acknowledgedAt().isPresent())
                        .min(
                                (a, b) ->
                                        a.acknowledgedAt()
                                                .get()
                                                .compareTo(b.acknowledgedAt().get()));
        put(o, "first_page_at", firstPage.map(Instant::toString).orElse(null));
        put(
                o,
                "first_acknowledged_at",
                firstAck.map(p -> p.acknowledgedAt().get().toString()).orElse(null));
        put(o, "first_acknowledged_by", firstAck.map(PageRecord::acknowledgedBy).orElse(null));
        seconds(
                o,
                "time_to_acknowledge_seconds",
                firstPage.isPresent() && firstAck.isPresent()
                        ? Duration.between(firstPage.get(), firstAck.get().acknowledgedAt().get())
                        : null);
        seconds(
                o,
                "time_to_resolve_seconds",
                incident.closedAt()
                        .map(c -> Duration.between(incident.openedAt(), c))
                        .orElse(null));
        return o;
    }

    private ArrayNode alerts(Incident incident) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Optional<IncidentKey> key = IncidentKey.parse(incident.dedupKey());
        if (key.isEmpty()) {
            return out;
        }
        for (AlertLedger.Change c : alerts.changes(key.get().fingerprint(), key.get().startsAt())) {
            out.add(
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("name", incident.alertName().orElse(""))
                            .put("fingerprint", key.get().fingerprint())
                            .put("status", c.status())
                            .put("starts_at", c.startsAt().toString())
                            .put("received_at", c.receivedAt().toString()));
        }
        return out;
    }

    private static ObjectNode page(PageRecord p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("tier", p.tier());
        o.put("person", p.person());
        o.put("sent_at", p.sentAt().toString());
        o.put("ack_deadline", p.ackDeadline().toString());
        put(o, "acknowledged_at", p.acknowledgedAt().map(Instant::toString).orElse(null));
        put(o, "acknowledged_by", p.acknowledgedAt().isPresent() ? p.acknowledgedBy() : null);
        seconds(
                o,
                "time_to_acknowledge_seconds",
                p.acknowledgedAt().map(a -> Duration.between(p.sentAt(), a)).orElse(null));
        put(o, "escalated_at", p.escalatedAt().map(Instant::toString).orElse(null));
        o.put("delivery", p.delivery());
        return o;
    }

    private static ObjectNode remediation(RemediationRecord r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("runbook", r.runbookId());
        o.put("policy", r.policy().word());
        o.put("state", r.state().word());
        if (r.executionId().isPresent()) {
            o.put("execution_id", r.executionId().get());
        } else {
            o.putNull("execution_id");
        }
        return o;
    }

    /**
     * The executions of the incident: its remediation's, the ones its timeline names, the one an
     * {@code execution:N} incident is about, and every run that continues or is continued by them.
     */
    private TreeSet<Long> executionIds(
            Incident incident,
            Optional<RemediationRecord> remediation,
            List<TimelineEvent> timeline) {
        Deque<Long> todo = new ArrayDeque<>();
        remediation.flatMap(RemediationRecord::executionId).ifPresent(todo::add);
        if (incident.dedupKey().startsWith("execution:")) {
            try {
                todo.add(Long.parseLong(incident.dedupKey().substring("execution:".length())));
            } catch (NumberFormatException ignored) {
                // not one the console made
            }
        }
        for (TimelineEvent e : timeline) {
            if (e.kind() == TimelineEvent.Kind.RUN_STARTED) {
                Matcher m = EXECUTION.matcher(e.text());
                if (m.find()) {
                    todo.add(Long.parseLong(m.group(1)));
                }
            }
        }
        TreeSet<Long> seen = new TreeSet<>();
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (!seen.add(id)) {
                continue;
            }
            executions
                    .lineage(id)
                    .ifPresent(
                            l -> {
                                l.continuation().ifPresent(k -> todo.add(k.parentId()));
                                todo.addAll(l.continuations());
                            });
        }
        return seen;
    }

    private ObjectNode execution(ExecutionRecord record) {
        ExecutionSummary s = record.summary();
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", s.id());
        o.put("runbook", s.runbookId());
        o.put("content_hash", s.contentHash());
        o.put("mode", s.mode().word());
        o.put("trigger", s.trigger().toString());
        o.put("target", s.target());
        o.put("status", s.status().word());
        o.put("started_at", s.started().toString());
        put(o, "finished_at", s.finished().map(Instant::toString).orElse(null));
        seconds(o, "estimated_seconds", s.estimated());
        seconds(
                o,
                "actual_seconds",
                s.finished().map(f -> Duration.between(s.started(), f)).orElse(null));
        seconds(o, "sla_seconds", s.sla().orElse(null));
        o.put("summary", s.summary());
        Optional<Lineage> lineage = executions.lineage(s.id());
        ObjectNode params = o.putObject("params");
        lineage.ifPresent(l -> l.params().forEach(params::put));
        ObjectNode resumed = JsonNodeFactory.instance.objectNode();
        lineage.flatMap(Lineage::continuation)
                .ifPresent(
                        k ->
                                resumed.put("parent_id", k.parentId())
                                        .put("from_step", k.fromStep())
                                        .put("by", k.by())
                                        .put("reason", k.reason())
                                        .put("version", k.versionWord()));
        o.set("resumed", resumed.isEmpty() ? JsonNodeFactory.instance.nullNode() : resumed);
        Optional<Runbook> pinned = ExecutionView.ran(executions, s);
        Map<Integer, List<CheckPolls.Poll>> seen = new HashMap<>();
        polls.of(s.id())
                .forEach(
                        p ->
                                seen.computeIfAbsent(p.step(), k -> new java.util.ArrayList<>())
                                        .add(p));
        ArrayNode steps = o.putArray("steps");
        for (StepResult r : record.steps()) {
            steps.add(
                    step(
                            r,
                            pinned.flatMap(p -> p.step(r.step())),
                            seen.getOrDefault(r.step(), List.of())));
        }
        return o;
    }

    private static ObjectNode step(StepResult r, Optional<Step> step, List<CheckPolls.Poll> polls) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("step", r.step());
        o.put("action", r.action());
        o.put("status", r.status().word());
        seconds(o, "estimate_seconds", step.map(Step::estimate).orElse(null));
        seconds(o, "actual_seconds", r.duration());
        o.put("started_at", r.started().toString());
        o.put("finished_at", r.finished().toString());
        o.put("attempts", r.attempts());
        o.put("approver", r.approver());
        o.put("note", r.note());
        ObjectNode check = o.putObject("check");
        check.put("expected", r.check().expected());
        check.put("outcome", r.check().outcome().word());
        check.put("observed", r.check().observed());
        check.put("polls", r.check().polls());
        ArrayNode values = o.putArray("values_seen");
        polls.forEach(
                p ->
                        values.add(
                                JsonNodeFactory.instance
                                        .objectNode()
                                        .put("at", p.at().toString())
                                        .put("attempt", p.attempt())
                                        .put("verdict", p.verdict())
                                        .put("observed", p.observed())));
        return o;
    }

    /** Each step a person approved, skipped or aborted, with who and when. */
    private static void approvals(ExecutionRecord record, ArrayNode out) {
        for (StepResult r : record.steps()) {
            if (r.approver().isEmpty() || r.status() == StepResult.Status.PLANNED) {
                continue;
            }
            String decision =
                    switch (r.status()) {
                        case SKIPPED -> "skipped";
                        case ABORTED -> "aborted";
                        default -> "approved";
                    };
            out.add(
                    JsonNodeFactory.instance
                            .objectNode()
                            .put("execution_id", record.summary().id())
                            .put("step", r.step())
                            .put("by", r.approver())
                            .put("decision", decision)
                            .put("at", r.started().toString()));
        }
    }

    private static void put(ObjectNode o, String name, String value) {
        if (value == null) {
            o.putNull(name);
        } else {
            o.put(name, value);
        }
    }

    private static void seconds(ObjectNode o, String name, Duration d) {
        if (d == null) {
            o.putNull(name);
        } else {
            o.put(name, d.toMillis() / 1000.0);
        }
    }

    /** A field as text, or {@code -} when it is null. */
    static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "-" : v.asText();
    }
}
