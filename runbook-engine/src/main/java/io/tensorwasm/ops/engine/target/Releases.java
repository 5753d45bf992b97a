package io.tensorwasm.ops.engine.target;

/**
 * A target that can replace its release, for {@code release upgrade VERSION} and {@code release
 * rollback}: an adapter implements it besides {@link TargetAdapter} when it can.
 */
public interface Releases {

    /**
     * Stops the process, points it at the release installed under the version and starts it; the
     * release it ran before is kept for {@link #rollback()}.
     */
    CommandResult upgrade(String version);

    /**
     * Stops the process, points it back at the release it ran before the last upgrade, starts it.
     */
    CommandResult rollback();
}
