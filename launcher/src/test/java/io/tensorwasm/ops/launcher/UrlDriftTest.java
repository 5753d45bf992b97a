package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.alerts.BaseUrls;
import io.tensorwasm.ops.alerts.RuleFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code twops start} warns when a link it did not write cannot reach the console (issue #17). */
class UrlDriftTest {

    private static final URI CONSOLE = URI.create("http://127.0.0.1:41234");

    @TempDir Path dir;

    @Test
    void saysNothingWhenTheLoopWritesItsOwnRulesAndRouting() {
        assertThat(UrlDrift.warnings(parts(true, Optional.empty()), List.of())).isEmpty();
    }

    @Test
    void warnsThatAnExternalPrometheusAndAlertmanagerMayLinkThePort8090() {
        assertThat(
                        UrlDrift.warnings(
                                parts(false, Optional.of(URI.create("http://prom:9090"))),
                                List.of()))
                .containsExactly(
                        "the Prometheus at http://prom:9090 is not started here: if it loads the"
                                + " shipped rule file, its runbook_url links name"
                                + " http://127.0.0.1:8090, not this console at"
                                + " http://127.0.0.1:41234; give it rules generated for this"
                                + " console (alerts/README.md) and name them with --alert-rules,"
                                + " so the paging drill checks them",
                        "the Alertmanager at http://am:9093 is not started here: the shipped"
                                + " routing posts to http://127.0.0.1:8090/hooks/alertmanager, not"
                                + " to this console at http://127.0.0.1:41234/hooks/alertmanager");
    }

    @Test
    void checksTheRuleFilesTheDrillFollows() throws Exception {
        Path shipped =
                Files.writeString(
                        dir.resolve("shipped.rules.yml"),
                        RuleFiles.generate("production", BaseUrls.DEFAULTS));
        Path ours =
                Files.writeString(
                        dir.resolve("ours.rules.yml"),
                        RuleFiles.generate(
                                "production", new BaseUrls(CONSOLE, BaseUrls.DEFAULTS.grafana())));
        Parts parts = parts(false, Optional.of(URI.create("http://prom:9090")));

        assertThat(UrlDrift.warnings(parts, List.of(ours))).hasSize(1);
        assertThat(UrlDrift.warnings(parts, List.of(shipped)))
                .first()
                .asString()
                .startsWith(
                        shipped
                                + " (--alert-rules): runbook_url"
                                + " http://127.0.0.1:8090/runbooks/availability-fast-burn does not"
                                + " name this console at http://127.0.0.1:41234;");
    }

    private static Parts parts(boolean startsMonitoring, Optional<URI> prometheus) {
        Optional<Path> binary =
                startsMonitoring ? Optional.of(Path.of("/usr/bin/prometheus")) : Optional.empty();
        return new Parts(
                new LoopUrls(
                        URI.create("http://127.0.0.1:8080"),
                        CONSOLE,
                        startsMonitoring
                                ? Optional.of(URI.create("http://127.0.0.1:9090"))
                                : prometheus,
                        startsMonitoring
                                ? Optional.of(URI.create("http://127.0.0.1:9093"))
                                : Optional.of(URI.create("http://am:9093"))),
                true,
                binary,
                binary,
                Optional.empty(),
                1,
                false,
                List.of());
    }
}
