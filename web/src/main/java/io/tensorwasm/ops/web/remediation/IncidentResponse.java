package io.tensorwasm.ops.web.remediation;

import io.tensorwasm.ops.web.execution.ConsoleRuns;
import io.tensorwasm.ops.web.incident.IncidentStore;
import io.tensorwasm.ops.web.paging.Paging;
import io.tensorwasm.ops.web.paging.Rotations;
import io.tensorwasm.ops.web.runbook.RunbookLibrary;
import io.tensorwasm.ops.web.store.ConsoleSecrets;
import io.tensorwasm.ops.web.webhook.AlertLedger;
import io.tensorwasm.ops.web.webhook.IncidentDesk;
import io.tensorwasm.ops.web.webhook.WebhookRoutes;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow of one alert (DESIGN.md), wired once per console: the webhook's ledger, the incident
 * desk, paging through the rotation, the runbook's policy, the on-call's actions, and the sweep
 * that escalates what nobody acknowledged or approved.
 *
 * <pre>{@code
 * IncidentResponse response = IncidentResponse.create(wiring);
 * response.webhook(vertx).mount(router);    // before the session and CSRF handlers
 * response.startSweeps(vertx);
 * }</pre>
 *
 * @param ledger every Alertmanager delivery and alert state change
 * @param incidents incidents and their timelines
 * @param paging the rotation
 * @param desk turns alerts into incidents
 * @param remediation the runbooks' policies
 * @param remediations where each incident's remediation stands
 * @param actions acknowledge, hand off, defer, resolve
 * @param webhookToken the bearer token Alertmanager sends; shared by every node (database)
 * @param settings approval timeout, still-firing grace, sweep interval
 */
public record IncidentResponse(
        AlertLedger ledger,
        IncidentStore incidents,
        Paging paging,
        IncidentDesk desk,
        AlertRemediation remediation,
        RemediationStore remediations,
        IncidentActions actions,
        String webhookToken,
        OnCallSettings settings) {

    /** The secret's name in the console's database. */
    public static final String WEBHOOK_SECRET = "alertmanager-webhook";

    private static final Logger logger = LoggerFactory.getLogger(IncidentResponse.class);
    private static final int MAX_DELIVERIES_IN_FLIGHT = 16;

    /**
     * What the response is built from.
     *
     * @param dataSource the console's database
     * @param library the runbook catalogue
     * @param runs the console's runs
     * @param links the console, Grafana and deployment the pages link to
     * @param settings the on-call settings
     */
    public record Wiring(
            DataSource dataSource,
            RunbookLibrary library,
            ConsoleRuns runs,
            IncidentDesk.Links links,
            OnCallSettings settings) {}

    /** Wires the flow; reads the rotation file when there is one. */
    public static IncidentResponse create(Wiring wiring) {
        Clock clock = Clock.systemUTC();
        DataSource db = wiring.dataSource();
        IncidentStore incidents = new IncidentStore(db);
        Rotations rotations =
                wiring.settings().rotations().map(Rotations::load).orElseGet(Rotations::none);
        Paging paging = new Paging(db, incidents, rotations, clock);
        RemediationStore remediations = new RemediationStore(db);
        URI console = wiring.links().console();
        AlertRemediation remediation =
                new AlertRemediation(
                        new AlertRemediation.Parts(
                                wiring.library(),
                                wiring.runs(),
                                incidents,
                                paging,
                                remediations,
                                wiring.settings(),
                                console),
                        clock);
        IncidentDesk desk =
                new IncidentDesk(
                        incidents,
                        paging,
                        new CatalogueIndex(wiring.library()),
                        remediation,
                        wiring.links(),
                        clock);
        return new IncidentResponse(
                new AlertLedger(db),
                incidents,
                paging,
                desk,
                remediation,
                remediations,
                new IncidentActions(incidents, paging, remediation, clock),
                new ConsoleSecrets(db).named(WEBHOOK_SECRET),
                wiring.settings());
    }

    /** The webhook's routes; mount them before the console's session and CSRF handlers. */
    public WebhookRoutes webhook(Vertx vertx) {
        return new WebhookRoutes(
                vertx, webhookToken, ledger, desk, Clock.systemUTC(), MAX_DELIVERIES_IN_FLIGHT);
    }

    /**
     * Sweeps on a worker every {@link OnCallSettings#sweepEvery()}: pages past their deadline,
     * prepared runs nobody approved, alerts that still fire after a successful run. Every node
     * sweeps; each claim is one conditional update, so one node acts on each.
     */
    public void startSweeps(Vertx vertx) {
        AtomicBoolean busy = new AtomicBoolean();
        vertx.setPeriodic(
                settings.sweepEvery().toMillis(),
                timer -> {
                    if (busy.getAndSet(true)) {
                        return;
                    }
                    vertx.executeBlocking(this::sweep, false)
                            .onComplete(done -> busy.set(false))
                            .onFailure(e -> logger.error("action=escalation_sweep_failed", e));
                });
    }

    /** One sweep; returns how many pages it escalated. */
    public int sweep() {
        int escalated = paging.escalateOverdue();
        remediation.sweep();
        return escalated;
    }
}
