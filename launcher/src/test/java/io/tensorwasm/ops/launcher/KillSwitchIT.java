package io.tensorwasm.ops.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console and {@code twops runbook kill-switch}, run as its own process next to it with no
 * {@code --db}, flip one and the same switch: the CLI's default store is the console's database.
 */
class KillSwitchIT {

    @TempDir Path dir;

    @Test
    void theCliAndTheConsoleFlipTheSameKillSwitch() throws Exception {
        ConsoleConfig config =
                ConsoleConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("data"))
                        .runtimeUrl(URI.create("http://127.0.0.1:" + FreePort.next()))
                        .build();
        try (ConsoleServer console = ConsoleServer.start(config)) {
            HarnessClient admin =
                    HarnessClient.of(console.port())
                            .withToken(Files.readString(console.adminTokenFile()).strip());

            assertThat(
                            twops(
                                    "runbook",
                                    "kill-switch",
                                    "engage",
                                    "--reason",
                                    "game day",
                                    "--as",
                                    "carol"))
                    .isEqualTo("kill switch engaged: automatic runs are off\n");
            assertThat(admin.get("/api/incidents").body()).contains("\"kill_switch\":true");
            assertThat(console.parts().onCall().runs().store().killSwitch().reason())
                    .isEqualTo("game day");

            HttpResponse<String> released =
                    admin.postForm("/admin/kill-switch", Map.of("action", "release"));
            assertThat(released.statusCode()).isEqualTo(303);
            assertThat(twops("runbook", "kill-switch", "status"))
                    .isEqualTo("kill switch released: automatic runs are on\n");
        }
    }

    /** Runs twops in the directory above the console's data, as an operator on its host would. */
    private String twops(String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-cp",
                                System.getProperty("java.class.path"),
                                TwopsCommand.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve("twops.out");
        Process process =
                new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectErrorStream(false)
                        .redirectOutput(out.toFile())
                        .redirectError(dir.resolve("twops.err").toFile())
                        .start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("twops ended").isTrue();
            assertThat(process.exitValue()).as(Files.readString(dir.resolve("twops.err"))).isZero();
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }
}
