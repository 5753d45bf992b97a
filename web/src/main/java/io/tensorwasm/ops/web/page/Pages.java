package io.tensorwasm.ops.web.page;

import freemarker.cache.SoftCacheStorage;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.tensorwasm.ops.web.auth.Authentication;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CSRFHandler;
import io.vertx.ext.web.templ.freemarker.FreeMarkerTemplateEngine;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Renders {@code templates/<name>.ftlh}, one template per page, each fed by a page record. The
 * {@code .ftlh} extension turns on HTML auto-escaping, so text from runbooks, alerts and users is
 * escaped unless a template says otherwise.
 */
public final class Pages {

    /** Routing-context key: true when the runtime failed its last health probe. */
    public static final String RUNTIME_DOWN = "twops.runtimeDown";

    private final Configuration freemarker;

    private Pages(Configuration freemarker) {
        this.freemarker = freemarker;
    }

    /** Pages rendered with the FreeMarker configuration of vertx-web's template engine. */
    public static Pages create(Vertx vertx) {
        Configuration config = FreeMarkerTemplateEngine.create(vertx, "ftlh").unwrap();
        // Records are read as properties (page.title), which needs the 2.3.33 object wrapper.
        config.setObjectWrapper(
                new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_33).build());
        config.setCacheStorage(new SoftCacheStorage());
        config.setDefaultEncoding("UTF-8");
        config.setOutputEncoding("UTF-8");
        config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        config.setLogTemplateExceptions(false);
        config.setFallbackOnNullLoopVariable(false);
        return new Pages(config);
    }

    /** Renders a page to HTML text. */
    public String render(String name, Object page, Layout layout) {
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("layout", layout);
        try {
            Template template = freemarker.getTemplate("templates/" + name + ".ftlh");
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("templates/" + name + ".ftlh", e);
        } catch (TemplateException e) {
            throw new IllegalStateException("templates/" + name + ".ftlh: " + e.getMessage(), e);
        }
    }

    /** Renders a page and ends the response with it. */
    public void respond(RoutingContext ctx, int status, String name, Object page) {
        String html = render(name, page, layoutFor(ctx, name));
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .end(html);
    }

    /** Renders a page with status 200. */
    public void respond(RoutingContext ctx, String name, Object page) {
        respond(ctx, 200, name, page);
    }

    /**
     * Renders the page a worker found, fails the request with 404 when it found none, and with the
     * worker's failure when it failed.
     */
    public void respondFound(RoutingContext ctx, String name, Future<? extends Optional<?>> found) {
        found.onSuccess(
                        page -> {
                            if (page.isEmpty()) {
                                ctx.fail(404);
                            } else {
                                respond(ctx, name, page.get());
                            }
                        })
                .onFailure(ctx::fail);
    }

    static Layout layoutFor(RoutingContext ctx, String section) {
        String csrf = ctx.get(CSRFHandler.DEFAULT_HEADER_NAME);
        return new Layout(
                section,
                Authentication.maybePrincipal(ctx).orElse(null),
                csrf == null ? "" : csrf,
                ctx.get(RUNTIME_DOWN) == Boolean.TRUE);
    }
}
