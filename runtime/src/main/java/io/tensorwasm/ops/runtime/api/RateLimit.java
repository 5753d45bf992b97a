package io.tensorwasm.ops.runtime.api;

import io.vertx.ext.web.handler.SecurityPolicyHandler;

/**
 * Refuses a state-changing request with 429 when the caller's tenant has no token left: {@link
 * #admit} is the rule, {@link #guard} applies it to a routed request, {@link InvokeRoute} to the
 * invoke it serves ahead of the router.
 */
final class RateLimit {

    private final RuntimeServices services;

    RateLimit(RuntimeServices services) {
        this.services = services;
    }

    /** Whether it limits anything; off, there is nothing to apply (issue #22). */
    boolean on() {
        return services.rateLimiter().on();
    }

    /** Takes a token of the caller's tenant, or throws the 429 that says when to retry. */
    void admit(Caller caller) {
        long wait = services.rateLimiter().acquire(caller.tenant());
        if (wait > 0) {
            throw new RateLimitedException(
                    "tenant "
                            + caller.tenant()
                            + ": over the rate limit of "
                            + services.config().rateLimitPerSecond()
                            + " state-changing requests per second (burst "
                            + services.config().rateLimitBurst()
                            + "); retry in "
                            + wait
                            + " s",
                    wait);
        }
    }

    /** A routed request's guard, after the {@link Authenticator}'s. */
    SecurityPolicyHandler guard() {
        return ctx -> {
            admit(ctx.get(FunctionHandlers.CALLER));
            ctx.next();
        };
    }
}
