package io.tensorwasm.ops.drills;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The paging drill's link checks (seed 003): every {@code runbook_url} of the alert rules opens
 * from the console without a 404, fetched for real with the console's own probe token; every {@code
 * dashboard_url} names a panel that exists in the dashboard JSON. The files are read at each run,
 * so an edited rule file is checked as it is now.
 */
final class LinkChecks {

    private final List<Path> ruleFiles;
    private final List<Path> dashboardFiles;
    private final ConsoleLink console;
    private final HttpCalls http = new HttpCalls();

    LinkChecks(List<Path> ruleFiles, List<Path> dashboardFiles, ConsoleLink console) {
        this.ruleFiles = List.copyOf(ruleFiles);
        this.dashboardFiles = List.copyOf(dashboardFiles);
        this.console = console;
    }

    /** GETs every alert's runbook link; passes when each answers 200. */
    DrillCheck runbookUrls() throws InterruptedException {
        String name = "every runbook_url in the alert rules opens from the console";
        Instant start = Instant.now();
        List<AlertLinks> alerts = AlertLinks.read(ruleFiles);
        if (alerts.isEmpty()) {
            return DrillCheck.fail(name, "the alert rules hold no alert", took(start));
        }
        List<String> problems = new ArrayList<>();
        Duration slowest = Duration.ZERO;
        for (AlertLinks alert : alerts) {
            if (alert.runbookUrl().isEmpty()) {
                problems.add(alert.alert() + " has no runbook_url");
                continue;
            }
            URI url = URI.create(alert.runbookUrl().get());
            HttpCalls.Answer answer = http.get(url, console.tokenFor(url));
            slowest = answer.took().compareTo(slowest) > 0 ? answer.took() : slowest;
            if (answer.status() != 200) {
                problems.add(alert.alert() + ": " + url + " " + answer.describe());
            }
        }
        return problems.isEmpty()
                ? DrillCheck.pass(
                        name,
                        alerts.size()
                                + " of "
                                + alerts.size()
                                + " answered 200 (slowest "
                                + slowest.toMillis()
                                + " ms)",
                        took(start))
                : DrillCheck.fail(name, summary(problems, alerts.size()), took(start));
    }

    /** Resolves every alert's dashboard link against the dashboard JSON. */
    DrillCheck dashboardUrls() {
        String name = "every dashboard_url in the alert rules points at an existing panel";
        Instant start = Instant.now();
        List<AlertLinks> alerts = AlertLinks.read(ruleFiles);
        DashboardPanels panels = DashboardPanels.read(dashboardFiles);
        if (alerts.isEmpty()) {
            return DrillCheck.fail(name, "the alert rules hold no alert", took(start));
        }
        List<String> problems = new ArrayList<>();
        List<String> found = new ArrayList<>();
        for (AlertLinks alert : alerts) {
            if (alert.dashboardUrl().isEmpty()) {
                problems.add(alert.alert() + " has no dashboard_url");
                continue;
            }
            DashboardPanels.Resolution panel = panels.resolve(alert.dashboardUrl().get());
            if (panel.found()) {
                found.add(panel.text());
            } else {
                problems.add(alert.alert() + ": " + panel.text());
            }
        }
        return problems.isEmpty()
                ? DrillCheck.pass(
                        name,
                        alerts.size() + " of " + alerts.size() + ": " + String.join("; ", found),
                        took(start))
                : DrillCheck.fail(name, summary(problems, alerts.size()), took(start));
    }

    private static String summary(List<String> problems, int total) {
        return problems.size() + " of " + total + " do not: " + String.join("; ", problems);
    }

    private static Duration took(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
