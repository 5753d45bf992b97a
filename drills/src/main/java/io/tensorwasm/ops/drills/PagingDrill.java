package io.tensorwasm.ops.drills;

import io.tensorwasm.ops.engine.model.Durations;
import io.tensorwasm.ops.oncall.incident.Severity;
import io.tensorwasm.ops.oncall.paging.PageMessage;
import io.tensorwasm.ops.oncall.paging.Rotations;
import io.tensorwasm.ops.oncall.paging.TestPages;
import io.tensorwasm.ops.oncall.paging.TestPages.TestPage;
import io.tensorwasm.ops.oncall.paging.Tier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The monthly paging drill (seed 003, "Pre-incident readiness checks"): a test page to the primary
 * rotation that the person acknowledges from the console or the API within the acknowledgement
 * timeout; a person on the secondary tier; addresses on the maintainers list; and every alert's
 * runbook and dashboard links, followed the way the on-call would follow them from a page.
 */
final class PagingDrill implements Drill {

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Duration POLL = Duration.ofMillis(200);

    private final TestPages pages;
    private final Rotations rotations;
    private final LinkChecks links;
    private final ConsoleLink console;
    private final Clock clock;

    PagingDrill(TestPages pages, Rotations rotations, LinkChecks links, ConsoleLink console) {
        this.pages = pages;
        this.rotations = rotations;
        this.links = links;
        this.console = console;
        this.clock = Clock.systemUTC();
    }

    @Override
    public String name() {
        return "paging";
    }

    @Override
    public String description() {
        return "A test page to the primary rotation, acknowledged within "
                + Durations.format(rotations.ackTimeout())
                + "; a person on the secondary tier; addresses on the maintainers list; every"
                + " runbook_url and dashboard_url of the alert rules resolves.";
    }

    @Override
    public List<DrillCheck> run() throws InterruptedException {
        Instant sending = clock.instant();
        Optional<TestPage> page = pages.send(Tier.PRIMARY, this::message);
        Duration sendTook = Duration.between(sending, clock.instant());
        List<DrillCheck> checks = new ArrayList<>();
        checks.add(secondary());
        checks.add(maintainers());
        checks.add(links.runbookUrls());
        checks.add(links.dashboardUrls());
        checks.add(0, acknowledged(page, sendTook));
        return checks;
    }

    private DrillCheck acknowledged(Optional<TestPage> sent, Duration sendTook)
            throws InterruptedException {
        String name =
                "the primary acknowledges a test page within "
                        + Durations.format(rotations.ackTimeout());
        if (sent.isEmpty()) {
            return DrillCheck.fail(name, "nobody holds the primary tier in the rotation", sendTook);
        }
        TestPage page = sent.get();
        if (!page.delivery().startsWith("delivered")) {
            pages.close(page.id());
            return DrillCheck.fail(
                    name, "test page " + page.id() + " " + page.delivery(), sendTook);
        }
        try {
            while (clock.instant().isBefore(page.ackDeadline())) {
                TestPage now = pages.find(page.id()).orElseThrow();
                if (now.latency().isPresent()) {
                    Duration latency = now.latency().get();
                    return DrillCheck.pass(
                            name,
                            page.person()
                                    + " acknowledged test page "
                                    + page.id()
                                    + " after "
                                    + TestPages.seconds(latency)
                                    + " (as "
                                    + now.acknowledgedBy().orElse("?")
                                    + ")",
                            latency);
                }
                Thread.sleep(POLL.toMillis());
            }
            return DrillCheck.fail(
                    name,
                    page.person()
                            + " did not acknowledge test page "
                            + page.id()
                            + " within "
                            + Durations.format(rotations.ackTimeout()),
                    Duration.between(page.sentAt(), clock.instant()));
        } finally {
            pages.close(page.id());
        }
    }

    private DrillCheck secondary() {
        String name = "the secondary rotation has a person";
        return rotations
                .responder(Tier.SECONDARY)
                .map(
                        r ->
                                DrillCheck.pass(
                                        name,
                                        r.person() + ", paged via " + r.channel().describe(),
                                        Duration.ZERO))
                .orElseGet(
                        () ->
                                DrillCheck.fail(
                                        name,
                                        "nobody holds the secondary tier in the rotation",
                                        Duration.ZERO));
    }

    private DrillCheck maintainers() {
        String name = "the maintainers list has addresses";
        Rotations.Maintainers list = rotations.maintainers();
        if (list.addresses().isEmpty()) {
            return DrillCheck.fail(
                    name, "the rotation lists no maintainers address", Duration.ZERO);
        }
        List<String> bad =
                list.addresses().stream().filter(a -> !ADDRESS.matcher(a).matches()).toList();
        if (!bad.isEmpty()) {
            return DrillCheck.fail(
                    name, "not an address: " + String.join(", ", bad), Duration.ZERO);
        }
        if (list.channel().isEmpty()) {
            return DrillCheck.fail(
                    name,
                    String.join(", ", list.addresses())
                            + ", but no channel reaches them (maintainers.channel)",
                    Duration.ZERO);
        }
        return DrillCheck.pass(
                name,
                String.join(", ", list.addresses()) + ", via " + list.channel().get().describe(),
                Duration.ZERO);
    }

    private PageMessage message(TestPage page) {
        return new PageMessage(
                page.dedupKey(),
                Severity.SEV_2,
                "PagingDrill",
                console.base().getHost() + ":" + console.base().getPort(),
                "TEST PAGE from the monthly paging drill, not an incident: acknowledge test page "
                        + page.id()
                        + " within "
                        + Durations.format(rotations.ackTimeout())
                        + " on the console's drills page",
                console.page("/drills#test-page-" + page.id()),
                console.grafana(),
                console.page("/runbooks/oncall-paging"));
    }
}
