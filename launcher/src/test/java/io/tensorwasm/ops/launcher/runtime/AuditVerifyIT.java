package io.tensorwasm.ops.launcher.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.tensorwasm.ops.testkit.HarnessClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18's acceptance: a real runtime writes its audit log in segments across a restart; {@code
 * tensor-wasm audit verify} proves the chain whole, archives it, and detects a removed and an
 * edited segment, naming each.
 */
class AuditVerifyIT {

    private static final String TOKEN = "audit-admin-t0ken";

    @TempDir Path dir;

    @Test
    void verifyProvesTheChainAcrossARestartAndNamesARemovedAndAnEditedSegment() throws Exception {
        Path log = dir.resolve("audit.log");
        RuntimeConfig config =
                RuntimeConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("runtime"))
                        .apiTokens(TOKEN + ":tenant=*")
                        .auditLog("file:" + log)
                        .auditSegments(600, Duration.ofDays(1))
                        .build();
        for (int process = 0; process < 2; process++) {
            try (RuntimeServer runtime = RuntimeServer.start(config)) {
                HarnessClient admin = HarnessClient.of(runtime.port()).withToken(TOKEN);
                for (int i = 0; i < 4; i++) {
                    String body =
                            admin.postJson(
                                            "/functions",
                                            "{\"name\":\"dr-smoke\",\"wasm_b64\":\"AGFzbQEAAAA=\"}")
                                    .body();
                    String id = body.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
                    assertThat(admin.delete("/functions/" + id).statusCode()).isEqualTo(204);
                }
            }
        }
        List<Path> closed = closedSegments(log);
        assertThat(closed).as("segments closed by size and by the restart").hasSizeGreaterThan(3);

        Result whole = audit("verify", "--audit-log", log.toString());
        assertThat(whole.status()).as(whole.err()).isZero();
        assertThat(whole.out())
                .startsWith(
                        "audit chain verified: segments 1 to "
                                + (closed.size() + 1)
                                + ", 16 records");

        Result archived = audit("archive", "--audit-log", log.toString());
        assertThat(archived.status()).as(archived.err()).isZero();
        assertThat(archived.out())
                .startsWith(
                        "archived "
                                + closed.size()
                                + " segments to "
                                + dir.resolve("audit-archive"));

        Path second = closed.get(1);
        Path archivedSecond = dir.resolve("audit-archive").resolve(second.getFileName());
        Files.delete(second);
        Files.delete(archivedSecond);
        Result removed = audit("verify", "--audit-log", log.toString());
        assertThat(removed.status()).isEqualTo(1);
        assertThat(removed.err()).contains("segment 2 missing between segments 1 and 3: removed");

        Files.copy(closed.get(0), second);
        Files.copy(closed.get(0), archivedSecond);
        Path third = closed.get(2);
        Files.writeString(
                third, Files.readString(third).replace("\"status\":204", "\"status\":200"));
        Result edited =
                audit(
                        "verify",
                        "--audit-log",
                        log.toString(),
                        "--archive",
                        dir.resolve("none").toString());
        assertThat(edited.status()).isEqualTo(1);
        assertThat(edited.err()).contains("segment 3 (" + third + ") was edited: its SHA-256 is ");
    }

    private record Result(int status, String out, String err) {}

    private static Result audit(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = Stream.concat(Stream.of("audit"), Stream.of(args)).toArray(String[]::new);
        int status =
                TensorWasmCommand.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(err, true))
                        .execute(all);
        return new Result(status, out.toString(), err.toString());
    }

    private static List<Path> closedSegments(Path log) throws Exception {
        try (Stream<Path> files = Files.list(log.getParent())) {
            return files.filter(p -> p.getFileName().toString().matches("audit\\.log\\.[0-9]+"))
                    .sorted()
                    .toList();
        }
    }
}
