package io.tensorwasm.ops.launcher.runtime;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm deploy NAME FILE.wasm}: uploads a module and prints its function id.
 *
 * <pre>{@code
 * TENSOR_WASM_TOKEN=s3cret tensor-wasm deploy adder add.wasm
 * # fn_4f1c2a9e0b7d6c5a3e21
 * }</pre>
 */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploys a Wasm module under a name and prints the new function's id.",
            "The bearer token comes from TENSOR_WASM_TOKEN."
        })
final class DeployCommand implements Callable<Integer> {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
    String name;

    @Parameters(index = "1", paramLabel = "FILE.wasm", description = "The module to upload.")
    Path file;

    @Mixin RuntimeClient runtime = new RuntimeClient();

    @Override
    public Integer call() throws IOException, InterruptedException {
        byte[] wasm = Files.readAllBytes(file);
        String body =
                "{\"name\":\""
                        + name.replace("\\", "\\\\").replace("\"", "\\\"")
                        + "\",\"wasm_b64\":\""
                        + Base64.getEncoder().encodeToString(wasm)
                        + "\"}";
        HttpResponse<String> response =
                runtime.send(
                        runtime.request("/functions", Duration.ofSeconds(60))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)),
                        HttpResponse.BodyHandlers.ofString());
        Matcher id = ID.matcher(response.body());
        if (response.statusCode() == 201 && id.find()) {
            spec.commandLine().getOut().println(id.group(1));
            spec.commandLine().getOut().flush();
            return 0;
        }
        spec.commandLine()
                .getErr()
                .println(
                        "tensor-wasm deploy: "
                                + file
                                + ": "
                                + response.statusCode()
                                + " "
                                + RuntimeClient.message(response.body()));
        return 1;
    }
}
