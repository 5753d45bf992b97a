package io.tensorwasm.ops.runtime.api;

import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

/** Fails a state-changing request with 429 when the caller's tenant has no token left. */
final class RateLimit implements SecurityPolicyHandler {

    private final RuntimeServices services;

    RateLimit(RuntimeServices services) {
        this.services = services;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Caller caller = ctx.get(FunctionHandlers.CALLER);
        long wait = services.rateLimiter().acquire(caller.tenant());
        if (wait > 0) {
            ctx.fail(
                    new RateLimitedException(
                            "tenant "
                                    + caller.tenant()
                                    + ": over the rate limit of "
                                    + services.config().rateLimitPerSecond()
                                    + " state-changing requests per second (burst "
                                    + services.config().rateLimitBurst()
                                    + "); retry in "
                                    + wait
                                    + " s",
                            wait));
            return;
        }
        ctx.next();
    }
}
