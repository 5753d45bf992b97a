package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.RuntimeConfig;
import io.tensorwasm.ops.runtime.store.RegistryBackup;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code POST /admin/backup}: a consistent copy of the registry and the audit key, taken while the
 * runtime serves and streamed as a zip ({@code tensor-wasm backup} saves it, {@code tensor-wasm
 * restore} unpacks it). Admin tokens only. A PostgreSQL registry answers 409: use pg_dump.
 */
final class BackupHandler {

    private final RuntimeServices services;

    BackupHandler(RuntimeServices services) {
        this.services = services;
    }

    void backup(RoutingContext ctx) {
        Caller caller = ctx.get(FunctionHandlers.CALLER);
        if (!caller.admin()) {
            throw new ForbiddenException(
                    "a backup holds every tenant's functions and the audit key; it needs an admin"
                            + " token (tenant *)");
        }
        RegistryBackup backup = services.backup();
        if (!backup.supported()) {
            RequestTrace.of(ctx).answeredWith("not_supported");
            ctx.response()
                    .setStatusCode(409)
                    .putHeader("Content-Type", "application/json")
                    .end(
                            new JsonObject()
                                    .put(
                                            "error",
                                            new JsonObject()
                                                    .put("code", "not_supported")
                                                    .put(
                                                            "message",
                                                            "the registry is in PostgreSQL: back it"
                                                                    + " up with pg_dump (restore"
                                                                    + " with pg_restore), not"
                                                                    + " tensor-wasm backup"))
                                    .encode());
            return;
        }
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            Path zip = Files.createTempFile("tensor-wasm-backup-", ".zip");
                            backup.writeTo(zip, RuntimeConfig.version());
                            return zip;
                        },
                        false)
                .onSuccess(zip -> send(ctx, zip))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, Path zip) {
        ctx.response()
                .putHeader("Content-Type", "application/zip")
                .putHeader("Content-Disposition", "attachment; filename=\"tensor-wasm-backup.zip\"")
                .sendFile(zip.toString())
                .onComplete(done -> ctx.vertx().fileSystem().delete(zip.toString()));
    }
}
