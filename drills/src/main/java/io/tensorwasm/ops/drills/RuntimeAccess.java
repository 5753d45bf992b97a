package io.tensorwasm.ops.drills;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the disaster-recovery drills hold of the runtime besides its URL: the admin token (read from
 * its file at each run, so a rotated token is picked up, and never logged), the file audit sink,
 * and the {@code tensor-wasm} command line of this build.
 */
final class RuntimeAccess {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String AUDIT_CHECK = "the audit sink shows the dr-smoke create and delete";

    private final Optional<Path> tokenFile;
    private final Optional<Path> auditLog;
    private final Optional<List<String>> cli;

    RuntimeAccess(Optional<Path> tokenFile, Optional<Path> auditLog, Optional<List<String>> cli) {
        this.tokenFile = tokenFile;
        this.auditLog = auditLog;
        this.cli = cli.map(List::copyOf);
    }

    /** The admin token, if its file is configured and readable. */
    Optional<String> token() {
        if (tokenFile.isEmpty() || !Files.isReadable(tokenFile.get())) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(tokenFile.get(), StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException ignored) {
            return Optional.empty();
        }
    }

    /** Why {@link #token()} is empty, naming the file and never its content. */
    String whyNoToken() {
        return tokenFile
                .map(f -> "cannot read the runtime admin token from " + f)
                .orElse("no runtime admin token is configured (twops start --runtime-token-file)");
    }

    /** The command line of {@code tensor-wasm}, if the launcher gave one. */
    Optional<List<String>> cli() {
        return cli;
    }

    /**
     * Looks for a successful {@code function.create} and {@code function.delete} of the function in
     * the audit file; the runtime writes a record just after it answers, so it reads for up to 3 s.
     */
    DrillCheck auditPair(String functionId) throws InterruptedException {
        Instant start = Instant.now();
        if (auditLog.isEmpty()) {
            return DrillCheck.fail(
                    AUDIT_CHECK,
                    "no audit file is configured (twops start --runtime-audit-log); with a stdout"
                            + " sink, read the service's journal",
                    Duration.ZERO);
        }
        Path file = auditLog.get();
        String seen = "";
        while (Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(3)) < 0) {
            seen = actions(file, functionId);
            if (seen.contains("function.create") && seen.contains("function.delete")) {
                return DrillCheck.pass(
                        AUDIT_CHECK,
                        file + " holds function.create and function.delete of " + functionId,
                        Duration.between(start, Instant.now()));
            }
            Thread.sleep(100);
        }
        return DrillCheck.fail(
                AUDIT_CHECK,
                file
                        + (seen.isEmpty() ? " holds nothing of " : " holds only " + seen + " of ")
                        + functionId
                        + " after 3 s",
                Duration.between(start, Instant.now()));
    }

    /** The successful actions on the function, in order, from the file's last 1000 lines. */
    private static String actions(Path file, String functionId) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException ignored) {
            return "";
        }
        StringBuilder actions = new StringBuilder();
        for (String line : lines.subList(Math.max(0, lines.size() - 1000), lines.size())) {
            if (!line.contains(functionId)) {
                continue;
            }
            try {
                JsonNode record = JSON.readTree(line);
                if (functionId.equals(record.path("function_id").asText())
                        && "success".equals(record.path("outcome").asText())) {
                    actions.append(actions.isEmpty() ? "" : ", ")
                            .append(record.path("action").asText());
                }
            } catch (JsonProcessingException ignored) {
                // A line cut by rotation or a crash: not a record, so not evidence either way.
            }
        }
        return actions.toString();
    }
}
