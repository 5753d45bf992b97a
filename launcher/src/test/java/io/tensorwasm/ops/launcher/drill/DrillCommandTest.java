package io.tensorwasm.ops.launcher.drill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.launcher.TwopsCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DrillCommandTest {

    @ParameterizedTest
    @CsvSource({
        "drill, 'Usage: twops drill'",
        "drill, 'run'",
        "drill, 'history'",
        "drill run, 'Usage: twops drill run'",
        "drill run, 'Exit status: 0 passed, 1 failed or interrupted, 2 no such drill'",
        "drill list, 'Usage: twops drill list'",
        "drill history, '--drill=NAME'",
        "start, '--drill-schedule=DRILL=CRON'",
        "start, '--rotations=FILE'",
        "start, '--dr-rto=DURATION'",
        "start, '--cluster-checkin=DURATION'"
    })
    void everyDrillCommandAndOptionExplainsItself(String command, String mentioned) {
        StringWriter out = new StringWriter();
        String[] args = (command + " --help").split(" ");
        int status = new CommandLine(new TwopsCommand()).setOut(new PrintWriter(out)).execute(args);
        assertThat(status).isZero();
        assertThat(out.toString()).contains(mentioned);
    }

    @Test
    void aLocalRuntimeGivesTheDrillsItsTokenFileAndAuditLog() {
        DrillOptions options = new DrillOptions();
        new CommandLine(options).parseArgs("--drill-schedule", "paging=off", "--dr-rto", "30m");
        DrillSettings local = options.settings(Path.of("/srv/twops"), true);
        assertThat(local.runtimeTokenFile()).hasValue(Path.of("/srv/twops/runtime-admin-token"));
        assertThat(local.runtimeAuditLog()).hasValue(Path.of("/srv/twops/runtime/audit.log"));
        assertThat(local.schedules())
                .containsEntry("paging", "off")
                .containsEntry("dr-smoke", "0 0 11 1 * ?");
        assertThat(local.rto()).isEqualTo(Duration.ofMinutes(30));
        assertThat(local.checkin()).isEqualTo(Duration.ofMillis(7500));
        DrillSettings remote = options.settings(Path.of("/srv/twops"), false);
        assertThat(remote.runtimeTokenFile()).isEqualTo(Optional.empty());
    }

    @Test
    void thePagingDrillFollowsTheRulesThePrometheusOfTheLoopLoadsUnlessToldOtherwise() {
        Path loaded = Path.of("/srv/twops/prometheus/tensor-wasm.rules.yml");
        DrillOptions defaults = new DrillOptions();
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.settings(Path.of("/srv/twops"), true, loaded).alertRules())
                .containsExactly(loaded);
        assertThat(defaults.settings(Path.of("/srv/twops"), true).alertRules())
                .as("no Prometheus of the loop: the shipped rules")
                .isEmpty();
        DrillOptions given = new DrillOptions();
        new CommandLine(given).parseArgs("--alert-rules", "/etc/prometheus/rules.yml");
        assertThat(given.settings(Path.of("/srv/twops"), true, loaded).alertRules())
                .containsExactly(Path.of("/etc/prometheus/rules.yml"));
    }

    @Test
    void aScheduleThatIsNotCronNamesTheDrillAndTheForm() {
        DrillOptions options = new DrillOptions();
        new CommandLine(options).parseArgs("--drill-schedule", "paging=every monday");
        assertThatThrownBy(() -> options.settings(Path.of("data"), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "paging=every monday: not a Quartz cron expression (seconds minutes hours"
                                + " day-of-month month day-of-week), nor off");
    }
}
