package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.oncall.export.IncidentExport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /incidents/{id}/export?format=md|json}: the incident whole, for its postmortem (issue
 * #19). The JSON follows {@code docs/incident-export.schema.json}; oncall's {@link IncidentExport}
 * builds both.
 */
public final class ExportRoutes {

    private final Vertx vertx;
    private final IncidentExport export;

    /** Routes over the export. */
    public ExportRoutes(Vertx vertx, IncidentExport export) {
        this.vertx = vertx;
        this.export = export;
    }

    /** Adds the route; it expects a signed-in user. */
    public void mount(Router router) {
        router.get("/incidents/:id/export").handler(this::export);
    }

    private void export(RoutingContext ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.fail(404);
            return;
        }
        String format = ctx.request().getParam("format", "json");
        if (!format.equals("json") && !format.equals("md")) {
            ctx.fail(400, new IllegalArgumentException(format + ": the format is md or json"));
            return;
        }
        vertx.executeBlocking(
                        () ->
                                format.equals("md")
                                        ? export.markdown(id)
                                        : export.json(id).map(Object::toString),
                        false)
                .onSuccess(
                        body -> {
                            if (body.isEmpty()) {
                                ctx.fail(404);
                                return;
                            }
                            ctx.response()
                                    .putHeader(
                                            "Content-Type",
                                            format.equals("md")
                                                    ? "text/markdown; charset=utf-8"
                                                    : "application/json")
                                    .putHeader(
                                            "Content-Disposition",
                                            "inline; filename=\"incident-"
                                                    + id
                                                    + "."
                                                    + format
                                                    + "\"")
                                    .end(body.get());
                        })
                .onFailure(ctx::fail);
    }
}
