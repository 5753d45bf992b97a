package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.engine.model.Texts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the links of rules and routing that {@code twops start} does not write itself cannot reach
 * this console (issue #17: the paging drill failed every link when the console was not on port
 * 8090). What {@code twops start} writes carries the console's real URL; a Prometheus or an
 * Alertmanager run elsewhere loads files someone else wrote, which may be the shipped ones, whose
 * links name {@code 127.0.0.1:8090}.
 */
final class UrlDrift {

    private static final Pattern RUNBOOK_URL = Pattern.compile("runbook_url:\\s*'?([^'\\s]+)");

    private UrlDrift() {}

    /** One line per link that cannot match the console, each saying what to do; empty when none. */
    static List<String> warnings(Parts parts, List<Path> alertRules) {
        String console = Texts.base(parts.urls().console());
        String shipped = Texts.base(BaseUrls.DEFAULTS.console());
        List<String> warnings = new ArrayList<>();
        if (!alertRules.isEmpty()) {
            alertRules.forEach(file -> stray(file, console).ifPresent(warnings::add));
        } else if (parts.prometheus().isEmpty()
                && parts.urls().prometheus().isPresent()
                && !console.equals(shipped)) {
            warnings.add(
                    "the Prometheus at "
                            + parts.urls().prometheus().get()
                            + " is not started here: if it loads the shipped rule file, its"
                            + " runbook_url links name "
                            + shipped
                            + ", not this console at "
                            + console
                            + "; give it rules generated for this console (alerts/README.md) and"
                            + " name them with --alert-rules, so the paging drill checks them");
        }
        if (parts.alertmanager().isEmpty()
                && parts.urls().alertmanager().isPresent()
                && !console.equals(shipped)) {
            warnings.add(
                    "the Alertmanager at "
                            + parts.urls().alertmanager().get()
                            + " is not started here: the shipped routing posts to "
                            + shipped
                            + "/hooks/alertmanager, not to this console at "
                            + console
                            + "/hooks/alertmanager");
        }
        return warnings;
    }

    /** The warning for a rule file one of whose {@code runbook_url} names another console. */
    private static Optional<String> stray(Path file, String console) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            return Optional.of(
                    file + " (--alert-rules): cannot be read, so the paging drill will fail: " + e);
        }
        Matcher m = RUNBOOK_URL.matcher(text);
        while (m.find()) {
            if (!m.group(1).startsWith(console + "/")) {
                return Optional.of(
                        file
                                + " (--alert-rules): runbook_url "
                                + m.group(1)
                                + " does not name this console at "
                                + console
                                + "; the paging drill will fail its links until the rules are"
                                + " generated for it (alerts/README.md)");
            }
        }
        return Optional.empty();
    }
}
