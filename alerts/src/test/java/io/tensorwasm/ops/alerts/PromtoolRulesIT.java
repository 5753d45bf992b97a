package io.tensorwasm.ops.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.Tool;
import io.tensorwasm.ops.testkit.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class PromtoolRulesIT {

    // Per instance, so a missing promtool fails every test with the package to install.
    private final Path promtool = Tools.system().locate(Tool.PROMTOOL);
    private static final Path WORK = Path.of("target", "promtool").toAbsolutePath();
    private static final SloSpec SPEC = SloSpec.load();

    @Test
    void productionRuleFilePassesPromtoolCheck() throws Exception {
        Path committed = Path.of("src/main/resources/rules/tensor-wasm.rules.yml").toAbsolutePath();

        ToolRun run = ToolRun.of(promtool, workDir(), "check", "rules", committed.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.output()).contains("SUCCESS: 29 rules found");
    }

    @Test
    void testProfileRuleFilePassesPromtoolCheck() throws Exception {
        Path file = workDir().resolve("tensor-wasm.test-profile.rules.yml");
        Files.writeString(file, RuleFiles.generate(SPEC, "test", BaseUrls.DEFAULTS));

        ToolRun run = ToolRun.of(promtool, workDir(), "check", "rules", file.toString());

        assertThat(run.exitCode()).as("%s", run).isZero();
        assertThat(run.output()).contains("SUCCESS: 29 rules found");
    }

    @TestFactory
    Stream<DynamicTest> everyAlertFiresWhenItMustAndStaysQuietWhenItMust() {
        String production = RuleFiles.generate(SPEC, "production", BaseUrls.DEFAULTS);
        return Scenarios.PRODUCTION.stream()
                .map(
                        scenario ->
                                DynamicTest.dynamicTest(
                                        scenario,
                                        () -> {
                                            ToolRun run =
                                                    promtoolTest(
                                                            scenario, "production", production);
                                            assertThat(run.exitCode()).as("%s", run).isZero();
                                            assertThat(run.output()).contains("SUCCESS");
                                        }));
    }

    @Test
    void testProfileFiresTheFastBurnPageWithinSeconds() {
        ToolRun run =
                promtoolTest(
                        "test-profile",
                        "test",
                        RuleFiles.generate(SPEC, "test", BaseUrls.DEFAULTS));

        assertThat(run.exitCode()).as("%s", run).isZero();
    }

    @Test
    void fastBurnScenariosFailWhenTheFactorIsRaisedTo14point6() {
        String production = RuleFiles.generate(SPEC, "production", BaseUrls.DEFAULTS);
        String raised =
                production
                        .replace("burnrate5m > 14.4 and", "burnrate5m > 14.6 and")
                        .replace("burnrate1h > 14.4", "burnrate1h > 14.6");
        assertThat(raised).isNotEqualTo(production);

        ToolRun run = promtoolTest("availability-fast-burn", "raised", raised);

        assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
        assertThat(run.output()).contains("name: a steady 14.5x burn fires");
    }

    private ToolRun promtoolTest(String scenario, String profile, String rulesYaml) {
        List<Rule> rules =
                RuleFiles.rules(
                        SPEC, "test".equals(profile) ? "test" : "production", BaseUrls.DEFAULTS);
        Path dir = WORK.resolve(profile + "-" + scenario);
        Path file = Scenarios.write(scenario, rulesYaml, rules, dir);
        return ToolRun.of(promtool, dir, "test", "rules", file.getFileName().toString());
    }

    private static Path workDir() throws Exception {
        return Files.createDirectories(WORK);
    }
}
