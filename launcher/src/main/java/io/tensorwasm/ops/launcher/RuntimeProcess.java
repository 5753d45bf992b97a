package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.target.LocalProcessTarget;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime as a child process of {@code twops start}: {@code tensor-wasm serve} from the same
 * jar, with the admin token in its environment and its pid in the data directory. The engine's
 * local target adapter drives it, so {@code target restart} in a runbook restarts this process.
 */
final class RuntimeProcess {

    private RuntimeProcess() {}

    /**
     * The target for a runtime on bind:port with its state under {@code dataDir/runtime}.
     *
     * @param token the admin token, passed as {@code TENSOR_WASM_API_TOKENS=token:tenant=*}
     */
    static LocalProcessTarget target(String bind, int port, Path dataDir, String token) {
        return target(bind, port, dataDir, Map.of("TENSOR_WASM_API_TOKENS", token + ":tenant=*"));
    }

    /**
     * The child of {@code twops start} listening on {@code listen}.
     *
     * @param environment more variables for it besides the token: the demo's fault injection
     */
    static Child child(URI listen, Path dataDir, String token, Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("TENSOR_WASM_API_TOKENS", token + ":tenant=*");
        return new Child(
                "the runtime",
                target(listen.getHost(), listen.getPort(), dataDir, variables),
                listen,
                dataDir.toAbsolutePath().resolve("logs/runtime.log"));
    }

    private static LocalProcessTarget target(
            String bind, int port, Path dataDir, Map<String, String> environment) {
        Path data = dataDir.toAbsolutePath();
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("TENSOR_WASM_API_AUDIT_LOG", "file:" + data.resolve("runtime/audit.log"));
        List<String> command = new ArrayList<>(TensorWasmCommand.javaCommand());
        command.addAll(
                List.of(
                        "serve",
                        "--bind",
                        bind,
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        data.resolve("runtime").toString()));
        return LocalProcessTarget.builder()
                .command(command)
                .environment(variables)
                // Its own settings pass on (TENSOR_WASM_FAULTS, say); nothing else of the
                // console's.
                .inherit(name -> name.startsWith("TENSOR_WASM_"))
                .directory(data)
                .pidFile(data.resolve("runtime.pid"))
                .logFile(data.resolve("logs/runtime.log"))
                .healthUrl(URI.create("http://" + bind + ":" + port + "/healthz"))
                // tensor-wasm audit verify and archive, with the runtime's own environment.
                .tool(TensorWasmCommand.javaCommand())
                .startTimeout(Duration.ofSeconds(90))
                .build();
    }
}
