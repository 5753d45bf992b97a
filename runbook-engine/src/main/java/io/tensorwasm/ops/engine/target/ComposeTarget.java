package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service of a Docker Compose file, {@code deploy/compose/docker-compose.yml}: {@code docker
 * compose} starts, stops, restarts and reads it. Its image tag comes from {@code TENSOR_WASM_TAG}
 * in the {@code .env} file beside the compose file; an upgrade keeps the running one's {@code .env}
 * as {@code previous.env}, sets the new tag and runs {@code up -d --no-deps}, and a rollback swaps
 * the two files back.
 */
public final class ComposeTarget implements TargetAdapter {

    /** The variable of the image tag in the compose file. */
    public static final String TAG = "TENSOR_WASM_TAG";

    private final Path file;
    private final String service;

    /** The service of the compose file. */
    public ComposeTarget(Path file, String service) {
        if (!service.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException(service + ": not a Compose service name");
        }
        this.file = file.toAbsolutePath();
        this.service = service;
    }

    /** The commands an operation runs, in order, after any change of the env files. */
    public List<List<String>> commands(Action.Operation operation) {
        return switch (operation) {
            case START -> List.of(compose("up", "-d", service));
            case STOP -> List.of(compose("stop", service));
            case RESTART -> List.of(compose("restart", service));
            case STATUS -> List.of(compose("ps", service));
            case LOGS -> List.of(compose("logs", "--tail", "50", service));
            case VERSION -> List.of(compose("exec", "-T", service, "tensor-wasm", "--version"));
            case UPGRADE ->
                    List.of(compose("pull", service), compose("up", "-d", "--no-deps", service));
            case ROLLBACK, CONFIG_RESTORE -> List.of(compose("up", "-d", "--no-deps", service));
            case CONFIG_SAVE -> List.of();
            case AUDIT_ARCHIVE ->
                    List.of(compose("exec", "-T", service, "tensor-wasm", "audit", "archive"));
            case AUDIT_VERIFY ->
                    List.of(compose("exec", "-T", service, "tensor-wasm", "audit", "verify"));
            case THREADS -> List.of(compose("kill", "-s", "SIGQUIT", service));
            case DRAIN, READY -> List.of();
        };
    }

    private List<String> compose(String... args) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-f", file.toString()));
        command.addAll(List.of(args));
        return command;
    }

    private Path env() {
        return file.resolveSibling(".env");
    }

    private Path previous() {
        return file.resolveSibling("previous.env");
    }

    private Path saved() {
        return file.resolveSibling(".env.saved");
    }

    @Override
    public CommandResult perform(Action.Operation operation, String argument) {
        Optional<String> manual = manual(operation);
        if (manual.isPresent()) {
            return new CommandResult(1, operation.word() + " is manual here: " + manual.get());
        }
        String changed;
        try {
            changed =
                    switch (operation) {
                        case UPGRADE -> upgradeEnv(argument);
                        case ROLLBACK ->
                                swap(previous(), "rolled back to the tag of " + previous());
                        case CONFIG_SAVE -> copy(env(), saved());
                        case CONFIG_RESTORE -> copy(saved(), env());
                        default -> "";
                    };
        } catch (IOException e) {
            return new CommandResult(1, e.getMessage());
        }
        CommandResult result =
                Commands.runAll(commands(operation), docker(), Duration.ofMinutes(6));
        return changed.isEmpty()
                ? result
                : new CommandResult(result.exitCode(), (changed + "\n" + result.output()).strip());
    }

    private String upgradeEnv(String tag) throws IOException {
        Map<String, String> values =
                Files.isRegularFile(env()) ? EnvFile.read(env()) : new LinkedHashMap<>();
        if (Files.isRegularFile(env())) {
            copy(env(), previous());
        }
        values = new LinkedHashMap<>(values);
        values.put(TAG, tag);
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(env(), text.toString(), StandardCharsets.UTF_8);
        DataFiles.ownerOnly(env());
        return "kept " + env() + " as " + previous() + "; " + TAG + "=" + tag;
    }

    private String swap(Path other, String what) throws IOException {
        if (!Files.isRegularFile(other)) {
            throw new IOException(
                    other + ": no such file; an upgrade keeps the previous tag there");
        }
        Path aside = file.resolveSibling(".env.swap");
        Files.move(env(), aside, StandardCopyOption.REPLACE_EXISTING);
        Files.move(other, env(), StandardCopyOption.REPLACE_EXISTING);
        Files.move(aside, other, StandardCopyOption.REPLACE_EXISTING);
        return what;
    }

    private static String copy(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from)) {
            throw new IOException(from + ": no such file");
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        DataFiles.ownerOnly(to);
        return "copied " + from + " to " + to;
    }

    @Override
    public Optional<String> manual(Action.Operation operation) {
        return switch (operation) {
            case DRAIN, READY ->
                    Optional.of(
                            "the load balancer in front of the Compose host is the site's own;"
                                    + " run its drain or undrain procedure");
            default -> Optional.empty();
        };
    }

    /** Docker's own variables, which {@code docker compose} needs to find its engine. */
    private static Map<String, String> docker() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String name : List.of("DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG")) {
            String value = System.getenv(name);
            if (value != null) {
                variables.put(name, value);
            }
        }
        return variables;
    }

    @Override
    public String describe() {
        return "Compose service " + service + " of " + file;
    }
}
