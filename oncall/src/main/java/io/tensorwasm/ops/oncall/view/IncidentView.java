package io.tensorwasm.ops.oncall.view;

import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.access.Principal;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.oncall.catalogue.LibraryEntry;
import io.tensorwasm.ops.oncall.catalogue.RunbookLibrary;
import io.tensorwasm.ops.oncall.incident.Incident;
import io.tensorwasm.ops.oncall.incident.IncidentStore;
import io.tensorwasm.ops.oncall.incident.TimelineEvent;
import io.tensorwasm.ops.oncall.paging.OnCallNow;
import io.tensorwasm.ops.oncall.paging.Paging;
import io.tensorwasm.ops.oncall.paging.Tier;
import io.tensorwasm.ops.oncall.remediation.RemediationRecord;
import io.tensorwasm.ops.oncall.remediation.RemediationState;
import io.tensorwasm.ops.oncall.remediation.RemediationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Builds an {@link IncidentPage} from what the console knows of one incident (issue #17): who is
 * paged and what comes next, where the remediation stands and what the viewer may do, and the
 * timeline folded by run. The console's route only serves what this reads.
 */
public final class IncidentView {

    private IncidentView() {}

    /**
     * Where the page reads from.
     *
     * @param incidents incidents, their timelines and the alerts they hold
     * @param remediations where each incident's remediation stands
     * @param paging who is paged now and what comes next
     * @param library the runbooks, to know which the engine runs
     */
    public record Sources(
            IncidentStore incidents,
            RemediationStore remediations,
            Paging paging,
            RunbookLibrary library) {}

    /** The page of one incident as a viewer sees it now; blocks on the database. */
    public static IncidentPage read(Sources s, Incident i, Principal viewer, Instant now) {
        return page(
                new Facts(
                        i,
                        s.incidents().timeline(i.id()),
                        s.remediations().find(i.id()),
                        s.incidents().scopes().held(i.id()),
                        s.incidents().scopes().firing(i.id()),
                        s.paging().now(i.id()),
                        s.paging().staffed(Tier.PRIMARY, now),
                        i.runbookId()
                                .flatMap(s.library()::entry)
                                .filter(LibraryEntry::runnable)
                                .isPresent(),
                        viewer,
                        now,
                        s.incidents().version(i.id())));
    }

    /**
     * What the page shows, read on a worker.
     *
     * @param incident the incident
     * @param timeline its timeline
     * @param remediation where its runbook's remediation stands, if it has one
     * @param held the alerts it holds, by name
     * @param firing those of them that still fire
     * @param onCall who is paged now and what comes next
     * @param rotation true when a rotation is configured
     * @param runnable true when its runbook is one the engine runs
     * @param viewer who looks
     * @param now the time now
     * @param version what the page shows, for its live updates
     */
    record Facts(
            Incident incident,
            List<TimelineEvent> timeline,
            Optional<RemediationRecord> remediation,
            List<String> held,
            List<String> firing,
            OnCallNow onCall,
            boolean rotation,
            boolean runnable,
            Principal viewer,
            Instant now,
            String version) {}

    static IncidentPage page(Facts f) {
        Incident i = f.incident();
        return new IncidentPage(
                i.id(),
                i.title(),
                i.severity().label(),
                i.severity().meaning(),
                i.status().label(),
                i.host(),
                Texts.utc(i.openedAt()),
                i.runbookId().orElse(""),
                f.held().stream()
                        .map(name -> new IncidentPage.HeldAlert(name, f.firing().contains(name)))
                        .toList(),
                onCall(f),
                remediation(f),
                i.status() == Incident.Status.RESOLVED,
                TimelineBlocks.of(i.openedAt(), f.timeline()),
                f.version());
    }

    /** Who is paged now and what comes next, in sentences (issue #17, item 5). */
    static IncidentPage.OnCall onCall(Facts f) {
        Incident i = f.incident();
        Optional<OnCallNow.Page> page = f.onCall().page();
        if (i.status() == Incident.Status.RESOLVED) {
            return new IncidentPage.OnCall(
                    "Resolved: nobody is paged"
                            + (page.isPresent()
                                    ? "; everyone paged was told of the resolve."
                                    : "."),
                    "");
        }
        if (!i.severity().pages()) {
            return new IncidentPage.OnCall(
                    "Nobody is paged: a " + i.severity().label() + " is filed and never pages.",
                    "");
        }
        if (page.isEmpty()) {
            return new IncidentPage.OnCall(
                    f.rotation()
                            ? "Nobody has been paged yet."
                            : "Nobody is paged: no rotation is configured.",
                    "");
        }
        OnCallNow.Page p = page.get();
        String who = p.person() + " (" + p.tier().label() + ")";
        if (p.acknowledgedBy().isPresent()) {
            return new IncidentPage.OnCall(
                    who
                            + " was paged at "
                            + since(i, p.sentAt())
                            + "; acknowledged by "
                            + p.acknowledgedBy().get()
                            + p.acknowledgedAt().map(at -> " at " + since(i, at)).orElse("")
                            + ".",
                    "No escalation is pending.");
        }
        if (p.escalated() || f.onCall().next().isEmpty()) {
            return new IncidentPage.OnCall(
                    "Nobody acknowledged " + who + "'s page; the rotation is broken.", "");
        }
        return new IncidentPage.OnCall(
                "Paged now: " + who + ", since " + since(i, p.sentAt()) + ", not acknowledged.",
                next(f.onCall().next().get(), f.now()));
    }

    private static String next(OnCallNow.Next next, Instant now) {
        Duration left = Duration.between(now, next.at());
        String when =
                Texts.clock(next.at())
                        + (left.isNegative() ? " (due now)" : " (in " + wait(left) + ")");
        if (next.tier().isEmpty()) {
            return "At " + when + " the rotation is broken: nobody comes after the lead.";
        }
        String tier = next.tier().get().label();
        return "Next escalation at "
                + when
                + " to "
                + next.person()
                        .map(person -> person + " (" + tier + ")")
                        .orElse("the " + tier + " tier, which nobody holds")
                + ", unless someone acknowledges.";
    }

    private static String wait(Duration left) {
        return Texts.since(left).substring(1);
    }

    private static String since(Incident i, Instant at) {
        return Texts.since(Duration.between(i.openedAt(), at));
    }

    /** Where the remediation stands, why, and what the viewer can do (issue #17, item 2). */
    static IncidentPage.Remediation remediation(Facts f) {
        boolean open = f.incident().status() != Incident.Status.RESOLVED;
        boolean operator = f.viewer().role().includes(Role.OPERATOR);
        boolean canStart = open && f.runnable() && operator;
        String refusal =
                open && f.runnable() && !operator
                        ? "Starting a run for this incident needs the operator role; you are"
                                + " signed in as "
                                + f.viewer().role().label()
                                + "."
                        : "";
        if (f.remediation().isEmpty()) {
            return f.incident().runbookId().isEmpty()
                    ? null
                    : new IncidentPage.Remediation("", "", "", 0, canStart, false, refusal);
        }
        RemediationRecord r = f.remediation().get();
        boolean coolingDown =
                r.state() == RemediationState.REFUSED && r.reason().contains("cooling down");
        return new IncidentPage.Remediation(
                "automation " + r.policy().word() + ": " + r.state().words(),
                r.state().word(),
                r.reason(),
                r.executionId().orElse(0L),
                canStart,
                open
                        && coolingDown
                        && r.policy() == Automation.AUTO
                        && f.viewer().role().includes(Role.APPROVER),
                refusal);
    }
}
