package io.tensorwasm.ops.engine.model;

import java.util.Objects;

/**
 * How a fleet member's process is started, stopped and restarted: the adapter a fleet file names
 * for it.
 *
 * <pre>{@code
 * target: {local: fleet/replica-1}                            # a process in its directory
 * target: {systemd: tensor-wasm@1.service, sudo: true}        # systemctl on its host
 * target: {kubernetes: tensor-wasm-1, namespace: tensor-wasm} # kubectl, one Deployment
 * }</pre>
 */
public sealed interface MemberTarget {

    /** How a fleet file or a message names it. */
    String describe();

    /**
     * A local process laid out in a directory: its start command, pid, log and releases ({@code
     * twops start --replicas} lays out each replica so).
     *
     * @param directory the directory, absolute once the fleet file is read
     */
    record Local(String directory) implements MemberTarget {
        public Local {
            if (directory == null || directory.isBlank()) {
                throw new IllegalArgumentException("a local target needs its directory");
            }
        }

        @Override
        public String describe() {
            return "local " + directory;
        }
    }

    /** A systemd unit on the member's host. */
    record Systemd(String unit, boolean sudo) implements MemberTarget {
        public Systemd {
            Objects.requireNonNull(unit, "unit");
            if (!unit.matches("[A-Za-z0-9][A-Za-z0-9@._:-]*")) {
                throw new IllegalArgumentException("\"" + unit + "\": not a systemd unit name");
            }
        }

        @Override
        public String describe() {
            return "systemd " + unit + (sudo ? " (sudo)" : "");
        }
    }

    /**
     * One Kubernetes Deployment per member, in a namespace, with kubectl's context or the current.
     */
    record Kubernetes(String namespace, String deployment, String context) implements MemberTarget {
        public Kubernetes {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(deployment, "deployment");
            context = context == null ? "" : context;
            if (!namespace.matches("[a-z0-9][a-z0-9-]*")
                    || !deployment.matches("[a-z0-9][a-z0-9.-]*")) {
                throw new IllegalArgumentException(
                        "\""
                                + namespace
                                + "/"
                                + deployment
                                + "\": not a Kubernetes namespace and Deployment name");
            }
        }

        @Override
        public String describe() {
            return "kubernetes " + namespace + "/" + deployment;
        }
    }
}
