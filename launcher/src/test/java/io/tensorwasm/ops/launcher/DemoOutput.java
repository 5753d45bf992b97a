package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What {@code twops demo} printed, read back: its events in order, its ids, its summary. */
final class DemoOutput {

    private static final Pattern URL =
            Pattern.compile("Open the incident: http://127\\.0\\.0\\.1:(\\d+)/incidents/(\\d+) ");

    private DemoOutput() {}

    /** Each prefix starts one of the events, each after the one before. */
    static void assertStartInOrder(List<String> events, String... prefixes) {
        int from = 0;
        for (String prefix : prefixes) {
            int found = -1;
            for (int i = from; i < events.size() && found < 0; i++) {
                if (events.get(i).startsWith(prefix)) {
                    found = i;
                }
            }
            assertThat(found)
                    .as(
                            "an event starting \"%s\" after event %d of:%n%s",
                            prefix, from, String.join("\n", events))
                    .isNotNegative();
            from = found + 1;
        }
    }

    /** The events the demo printed, each without its time: "console incident 1 ...". */
    static List<String> eventsInOrder(String output) {
        return output.lines()
                .filter(l -> l.matches(" +\\+\\d+\\.\\ds  .*"))
                .map(l -> l.replaceFirst(" +\\+\\d+\\.\\ds  ", ""))
                .toList();
    }

    /** The timeline of one incident as the demo printed it: "kind text", in order. */
    static List<String> timeline(String output, long id) {
        String prefix = "console      incident " + id + " ";
        return eventsInOrder(output).stream()
                .filter(l -> l.startsWith(prefix) && !l.startsWith(prefix + "opened: "))
                .map(l -> l.substring(prefix.length()).replaceFirst(": ", " "))
                .toList();
    }

    static long incidentId(String output) {
        Matcher url = URL.matcher(output);
        assertThat(url.find()).as("the incident's console URL in:%n%s", output).isTrue();
        return Long.parseLong(url.group(2));
    }

    static String functionId(String output) {
        Matcher deployed = Pattern.compile("Deployed the adder \\((fn_\\w+)\\)").matcher(output);
        assertThat(deployed.find()).as(output).isTrue();
        return deployed.group(1);
    }

    static int tenantsOk(String output) {
        Matcher ok = Pattern.compile("tenants' invokes: (\\d+) answered 200").matcher(output);
        assertThat(ok.find()).as(output).isTrue();
        return Integer.parseInt(ok.group(1));
    }

    /** The demo's own lines "fault to X +Ns", joined. */
    static String summary(String output) {
        return String.join(
                "; ",
                output.lines()
                        .filter(l -> l.startsWith("  fault to "))
                        .map(l -> l.strip().replaceAll(" {2,}", " "))
                        .toList());
    }
}
