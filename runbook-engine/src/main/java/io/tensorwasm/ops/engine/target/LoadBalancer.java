package io.tensorwasm.ops.engine.target;

import io.tensorwasm.ops.engine.model.Action;

/**
 * The load balancer in front of a fleet, as {@code lb} steps drive it: a member's server is put in
 * drain, ready or maintenance, and its state and current sessions are read.
 *
 * <pre>{@code
 * LoadBalancer haproxy = HaproxyRuntimeApi.of(fleet.balancer());
 * haproxy.set("replica-2", Action.BalancerOperation.DRAIN);
 * ServerState state = haproxy.state("replica-2");     // DRAIN, 0 sessions
 * }</pre>
 */
public interface LoadBalancer {

    /**
     * Puts a server in a state: {@code DRAIN}, {@code READY} or {@code MAINT}, then reads it back.
     */
    ServerState set(String server, Action.BalancerOperation state);

    /** A server's state and current sessions. */
    ServerState state(String server);

    /** What it is, for messages. */
    String describe();

    /**
     * One server as the load balancer sees it.
     *
     * @param server the server's name in the backend
     * @param status its status, as the load balancer words it ({@code UP}, {@code DRAIN}, {@code
     *     MAINT}, {@code DOWN}, ...)
     * @param sessions the sessions it holds now
     */
    record ServerState(String server, String status, long sessions) {

        /** One line: {@code replica-2 DRAIN, 0 sessions}. */
        public String describe() {
            return server
                    + " "
                    + status
                    + ", "
                    + sessions
                    + (sessions == 1 ? " session" : " sessions");
        }
    }
}
