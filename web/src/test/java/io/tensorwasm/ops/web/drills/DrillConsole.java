package io.tensorwasm.ops.web.drills;

import io.tensorwasm.ops.drills.DrillRun;
import io.tensorwasm.ops.drills.DrillSettings;
import io.tensorwasm.ops.oncall.OnCallSettings;
import io.tensorwasm.ops.oncall.access.Role;
import io.tensorwasm.ops.testkit.FreePort;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.web.ConsoleConfig;
import io.tensorwasm.ops.web.ConsoleServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A real console on a free port with an in-memory database and every drill schedule off, whose
 * paging drill pages through a rotation file and follows a rule file pointing at this console.
 */
final class DrillConsole implements AutoCloseable {

    final ConsoleServer server;
    final URI base;

    private DrillConsole(ConsoleServer server, URI base) {
        this.server = server;
        this.base = base;
    }

    /**
     * Starts a console; the shipped rule file is rewritten to point at it, then edited.
     *
     * @param rotation the rotation file's YAML
     * @param rules an edit of the rule file's text
     */
    static DrillConsole start(Path dir, String rotation, UnaryOperator<String> rules)
            throws Exception {
        int port = FreePort.next();
        URI base = URI.create("http://127.0.0.1:" + port);
        Path rotationFile = Files.writeString(dir.resolve("rotation.yml"), rotation);
        Path rulesFile =
                Files.writeString(
                        dir.resolve("tensor-wasm.rules.yml"),
                        rules.apply(
                                shippedRules().replace("http://127.0.0.1:8090", base.toString())));
        DrillSettings.Builder drills =
                DrillSettings.builder()
                        .node("node-t")
                        .alertRules(List.of(rulesFile))
                        .scratch(dir.resolve("drills"));
        DrillSettings.DRILLS.forEach(d -> drills.schedule(d, DrillSettings.OFF));
        ConsoleServer server =
                ConsoleServer.start(
                        ConsoleConfig.builder()
                                .port(port)
                                .dataDir(dir.resolve("console"))
                                .databaseUrl(
                                        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1")
                                .runtimeUrl(URI.create("http://127.0.0.1:" + FreePort.next()))
                                .drills(drills.build())
                                .onCall(OnCallSettings.DEFAULTS.withRotations(rotationFile))
                                .build());
        return new DrillConsole(server, base);
    }

    /** A rotation file: the primary on the pager, then whatever else is given. */
    static String rotation(PagerEndpoint pager, String ackTimeout, String rest) {
        return "ack_timeout: "
                + ackTimeout
                + "\nprimary: {person: Ana Ortiz, channel: webhook, url: "
                + pager.url()
                + "}\n"
                + rest;
    }

    /** A console token for a person, issued on this console's database. */
    String token(String name, Role role) {
        return server.parts().tokens().issue(name, role).token();
    }

    HarnessClient client() {
        return HarnessClient.of(server.port());
    }

    /** Waits for the run with the fire key to finish. */
    DrillRun awaitRun(String fireKey, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (DrillRun run : server.parts().drills().recent(20)) {
                if (run.fireKey().equals(fireKey) && run.finishedAt().isPresent()) {
                    return run;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(fireKey + " did not finish within " + timeout);
    }

    private static String shippedRules() {
        try (InputStream in =
                DrillConsole.class.getResourceAsStream("/rules/tensor-wasm.rules.yml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
