package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.RuntimeServer;
import io.tensorwasm.ops.testkit.HarnessClient;
import io.tensorwasm.ops.testkit.WasmCorpus;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real runtime in this JVM on 127.0.0.1 and a free port, with an admin token and a file audit
 * log, as the catalogue tests run their pages against it. Close it to stop it.
 */
final class LiveRuntime implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"(?:id|job_id)\":\"([^\"]+)\"");

    private final RuntimeServer server;
    private final String token;
    private final Path auditLog;

    private LiveRuntime(RuntimeServer server, String token, Path auditLog) {
        this.server = server;
        this.token = token;
        this.auditLog = auditLog;
    }

    /** Starts a runtime with its data and audit log under the directory. */
    static LiveRuntime start(Path dir) {
        String token = "adm-" + UUID.randomUUID();
        Path audit = dir.resolve("audit.log");
        RuntimeConfig config =
                RuntimeConfig.builder()
                        .port(0)
                        .dataDir(dir.resolve("runtime"))
                        .apiTokens(token + ":tenant=*")
                        .auditLog("file:" + audit)
                        .build();
        return new LiveRuntime(RuntimeServer.start(config), token, audit);
    }

    String url() {
        return server.baseUri().toString();
    }

    int port() {
        return server.port();
    }

    /** The admin token, which runbooks never hold: the run is given it. */
    String token() {
        return token;
    }

    Path auditLog() {
        return auditLog;
    }

    HarnessClient admin() {
        return HarnessClient.of(server.port()).withToken(token);
    }

    HarnessClient anonymous() {
        return HarnessClient.of(server.port());
    }

    /** Deploys a module of the Wasm corpus under a name and returns its function id. */
    String deploy(String name, String module) throws IOException, InterruptedException {
        HttpResponse<String> created =
                admin().postJson(
                                "/functions",
                                "{\"name\":\""
                                        + name
                                        + "\",\"wasm_b64\":\""
                                        + WasmCorpus.base64(module)
                                        + "\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(
                    module + ": deploy answered " + created.statusCode() + " " + created.body());
        }
        return id(created.body());
    }

    /** The {@code id} or {@code job_id} of a JSON answer. */
    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException(json + ": no id in this answer");
        }
        return m.group(1);
    }

    @Override
    public void close() {
        server.close();
    }
}
