package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.testkit.Harness;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Services over a temp directory, served through the test kit's harness on a free port. */
final class ApiFixture {

    static final String ADMIN = "admin-t0ken";
    static final String SEVEN = "seven-t0ken";
    static final String EIGHT = "eight-t0ken";
    static final String TOKENS = ADMIN + ":tenant=*," + SEVEN + ":tenant=7," + EIGHT + ":tenant=8";

    private ApiFixture() {}

    /** A config with three tokens, a file audit log, short deadlines and small caps. */
    static RuntimeConfig.Builder config(Path dataDir) {
        return config(dataDir, Map.of());
    }

    /** The same, over the {@code TENSOR_WASM_*} variables given. */
    static RuntimeConfig.Builder config(Path dataDir, Map<String, String> env) {
        return RuntimeConfig.fromEnvironment(env).toBuilder()
                .port(0)
                .dataDir(dataDir)
                .apiTokens(TOKENS)
                .auditLog("file:" + dataDir.resolve("audit.log"))
                .invokeTimeout(Duration.ofMillis(300))
                .memoryLimitBytes(4L * 1024 * 1024)
                .maxBodyBytes(64 * 1024)
                .maxModuleBytes(16 * 1024)
                .workers(2)
                .rateLimit(1000, 1000);
    }

    /** Serves the production routes over the services for the length of the body. */
    static void serve(RuntimeServices services, Harness.Body body) throws Exception {
        Harness.serve(vertx -> RuntimeRoutes.create(vertx, services), body);
    }

    /** Deploys a module of {@code src/test/resources/modules/} and returns the answer. */
    static HttpResponse<String> deployTestModule(HarnessClient client, String name, String module)
            throws Exception {
        return client.postJson(
                "/functions",
                new JsonObject()
                        .put("name", name)
                        .put(
                                "wasm_b64",
                                Base64.getEncoder().encodeToString(HostileModulesIT.module(module)))
                        .encode());
    }

    /** Deploys a corpus module and returns its id. */
    static String deploy(HarnessClient client, String name, String corpusName) throws Exception {
        HttpResponse<String> response =
                client.postJson(
                        "/functions",
                        new JsonObject()
                                .put("name", name)
                                .put("wasm_b64", WasmCorpus.base64(corpusName))
                                .encode());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new JsonObject(response.body()).getString("id");
    }

    /** The body of an error answer, as {@code code: message}. */
    static String error(HttpResponse<String> response) {
        JsonObject error = new JsonObject(response.body()).getJsonObject("error");
        return error.getString("code") + ": " + error.getString("message");
    }

    /**
     * Waits until the audit log holds at least the count of records, and returns them; the chain
     * header that starts each segment is no record.
     */
    static List<JsonObject> auditLines(Path file, int count) throws Exception {
        for (int i = 0; i < 200; i++) {
            // The runtime's writer thread may be mid-line: only whole lines count.
            String text;
            try {
                text = Files.readString(file);
            } catch (java.nio.file.NoSuchFileException notYet) {
                text = "";
            }
            List<JsonObject> lines =
                    text.substring(0, text.lastIndexOf('\n') + 1)
                            .lines()
                            .map(JsonObject::new)
                            .filter(line -> !line.containsKey("segment"))
                            .toList();
            if (lines.size() >= count) {
                return lines;
            }
            Thread.sleep(10);
        }
        throw new IOException(file + ": fewer than " + count + " audit lines after 2 s");
    }
}
