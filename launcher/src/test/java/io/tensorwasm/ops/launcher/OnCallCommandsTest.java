package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The commands of issue #20 on an empty console database: help, who, Slack mappings. */
class OnCallCommandsTest {

    @TempDir Path data;

    @Test
    void everyNewCommandHasHelp() {
        for (String[] command :
                new String[][] {
                    {"oncall", "who", "--help"},
                    {"import", "grafana-oncall", "--help"},
                    {"import", "opsgenie", "--help"},
                    {"slack", "map", "--help"},
                    {"slack", "audit", "--help"}
                }) {
            Run run = twops(false, command);
            assertThat(run.status()).isZero();
            assertThat(run.out()).startsWith("Usage: twops " + command[0] + " " + command[1]);
        }
    }

    @Test
    void whoSaysThereIsNoPolicyAndRefusesABadInstant() {
        Run none = twops(true, "oncall", "who");
        assertThat(none.status()).isEqualTo(1);
        assertThat(none.out()).startsWith("no default escalation policy");
        Run bad = twops(true, "oncall", "who", "--at", "tomorrow");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().strip())
                .isEqualTo("oncall who: tomorrow: --at is an instant like 2026-10-25T03:00:00Z");
    }

    @Test
    void mapsASlackUserToAnActiveTokenAndAuditsIt() {
        String token =
                twops(true, "token", "issue", "Ana Ortiz", "--role", "approver").out().strip();
        String id = token.split("_")[1];
        Run mapped = twops(true, "slack", "map", "U2CERLKJA", "--token-id", id, "--by", "Ada");
        assertThat(mapped.out().strip())
                .isEqualTo("mapped U2CERLKJA to Ana Ortiz (approver, token " + id + ")");
        assertThat(twops(true, "slack", "list").out()).contains("U2CERLKJA").contains(id);
        assertThat(twops(true, "slack", "map", "U1", "--token-id", "nope", "--by", "Ada").status())
                .isEqualTo(1);
        assertThat(twops(true, "slack", "unmap", "U2CERLKJA", "--by", "Ada").out().strip())
                .isEqualTo("unmapped U2CERLKJA");
        assertThat(twops(true, "slack", "audit").out())
                .contains("accepted U2CERLKJA    map")
                .contains("accepted U2CERLKJA    unmap");
    }

    private record Run(int status, String out, String err) {}

    private Run twops(boolean withData, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = args;
        if (withData) {
            all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--data-dir";
            all[args.length + 1] = data.toString();
        }
        int status =
                new CommandLine(new TwopsCommand())
                        .setOut(new PrintWriter(out))
                        .setErr(new PrintWriter(err))
                        .execute(all);
        return new Run(status, out.toString(), err.toString());
    }
}
