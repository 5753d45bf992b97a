package io.tensorwasm.ops.launcher.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.launcher.TwopsCommand;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.JsonSchemas;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code twops incident export} reads an incident from the console's database, next to a running
 * console, as Markdown or as JSON that follows {@code docs/incident-export.schema.json}.
 */
class IncidentExportCommandIT {

    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void exportsAnIncidentAsJsonThatFollowsTheSchemaAndAsMarkdown() throws Exception {
        Path data = dir.resolve("data");
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(data)
                        .runtimeUrl(URI.create("http://127.0.0.1:" + FreePort.next()))
                        .build();
        try (ConsoleServer console = ConsoleServer.start(config)) {
            HttpResponse<String> delivered =
                    HarnessClient.of(console.port())
                            .withToken(Files.readString(console.webhookTokenFile()).strip())
                            .postJson("/hooks/alertmanager", firing());
            assertThat(delivered.statusCode()).as(delivered.body()).isEqualTo(200);
            // The alert's own incident: the desk also opens a documentation-bug incident for an
            // alert without a runbook, which may be the more recent one.
            long id =
                    console.parts()
                            .onCall()
                            .incidents()
                            .findByKey("fp-export@2026-11-25T03:00:00Z")
                            .orElseThrow()
                            .id();

            int json =
                    twops(
                            "incident",
                            "export",
                            Long.toString(id),
                            "--format",
                            "json",
                            "--data-dir",
                            data.toString());
            assertThat(json).as(err.toString()).isZero();
            assertThat(JsonSchemas.errors(JsonSchemas.INCIDENT_EXPORT, out.toString())).isEmpty();
            assertThat(out.toString()).contains("\"alert\":\"NoRunbookAlert\"");

            out.getBuffer().setLength(0);
            assertThat(
                            twops(
                                    "incident",
                                    "export",
                                    Long.toString(id),
                                    "--data-dir",
                                    data.toString()))
                    .isZero();
            assertThat(out.toString())
                    .startsWith("# Incident " + id + ": NoRunbookAlert")
                    .contains("## Timeline", "no runbook answers NoRunbookAlert");
            assertThat(twops("incident", "export", "999", "--data-dir", data.toString()))
                    .isEqualTo(1);
            assertThat(err.toString()).contains("no incident 999");
        }
    }

    private int twops(String... args) {
        return new CommandLine(new TwopsCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static String firing() {
        return "{\"receiver\":\"console-page\",\"status\":\"firing\",\"alerts\":[{\"status\":"
                + "\"firing\",\"labels\":{\"alertname\":\"NoRunbookAlert\",\"severity\":\"page\"},"
                + "\"annotations\":{\"summary\":\"It fires.\"},\"startsAt\":"
                + "\"2026-11-25T03:00:00Z\",\"endsAt\":\"0001-01-01T00:00:00Z\",\"generatorURL\":"
                + "\"http://127.0.0.1:9090/graph\",\"fingerprint\":\"fp-export\"}],\"groupLabels\":{},"
                + "\"commonLabels\":{},\"commonAnnotations\":{},\"externalURL\":"
                + "\"http://127.0.0.1:9093\",\"version\":\"4\",\"groupKey\":\"{}:{}\","
                + "\"truncatedAlerts\":0}";
    }
}
