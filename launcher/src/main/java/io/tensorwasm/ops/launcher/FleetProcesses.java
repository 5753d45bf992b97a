package io.tensorwasm.ops.launcher;

import io.tensorwasm.ops.engine.model.Fleet;
import io.tensorwasm.ops.engine.model.FleetMember;
import io.tensorwasm.ops.engine.model.MemberTarget;
import io.tensorwasm.ops.engine.parse.FleetFile;
import io.tensorwasm.ops.engine.target.LocalMember;
import io.tensorwasm.ops.engine.target.Releases;
import io.tensorwasm.ops.launcher.runtime.TensorWasmCommand;
import io.tensorwasm.ops.oncall.store.PrivateFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The runtime replicas of {@code twops start --replicas N}, laid out under {@code DATA_DIR/fleet}
 * as the engine's {@link LocalMember} reads them, and the fleet file that names them:
 *
 * <pre>
 * fleet/fleet.yml                       the fleet file (members, HAProxy's socket and backend)
 * fleet/replica-N/run                   its start script: the current release's jar, its port,
 *                                       the shared registry; tokens read from their files
 * fleet/replica-N/releases/VERSION/     each release installed on it (the running build at start)
 * fleet/replica-N/current, previous     links to releases
 * fleet/replica-N/runtime/              its audit key and audit log
 * </pre>
 *
 * A replica's {@code current} release is kept across starts: an upgrade survives a restart of the
 * loop. The running build is installed as a release under its version when it is missing.
 */
final class FleetProcesses {

    /** The fleet's folder under the data directory. */
    static final String DIR = "fleet";

    /** The fleet file's name in it. */
    static final String FILE = "fleet.yml";

    private FleetProcesses() {}

    /**
     * What to start.
     *
     * @param bind the address replicas listen on
     * @param balancer where the load balancer listens: the runtime's URL
     * @param ports each replica's port
     * @param runtimeTokenFile the admin token's file, which the start scripts read
     * @param environment more variables for every replica (the demo's fault injection)
     */
    record Layout(
            String bind,
            URI balancer,
            List<Integer> ports,
            Path runtimeTokenFile,
            Map<String, String> environment) {}

    /** The fleet file under a data directory. */
    static Path file(Path dataDir) {
        return dataDir.toAbsolutePath().resolve(DIR).resolve(FILE);
    }

    /**
     * Lays out every replica, installs this build as a release where missing, and writes the fleet
     * file; returns the fleet as the engine reads it back from that file.
     */
    static Fleet prepare(Path dataDir, Layout layout, RegistryServer registry) {
        Path fleetDir = PrivateFiles.directory(dataDir.toAbsolutePath().resolve(DIR));
        Path jar = runningJar();
        List<FleetMember> members = new ArrayList<>();
        for (int i = 0; i < layout.ports().size(); i++) {
            String name = "replica-" + (i + 1);
            URI url = URI.create("http://" + host(layout.bind()) + ":" + layout.ports().get(i));
            Path home = PrivateFiles.directory(fleetDir.resolve(name));
            install(home, jar);
            PrivateFiles.write(
                    home.resolve(LocalMember.RUN), script(name, home, url, layout, registry));
            members.add(new FleetMember(name, url, new MemberTarget.Local(name), name));
        }
        PrivateFiles.write(fleetDir.resolve(FILE), fleetFile(layout.balancer(), members));
        return FleetFile.load(fleetDir.resolve(FILE));
    }

    /**
     * The replicas as children of the loop: each its member's local process, each started once the
     * one before answers. Started together, N JVMs loading their classes at once on a small host
     * each took longer than their own first health check allows.
     */
    static List<Child> children(Fleet fleet) {
        List<Child> children = new ArrayList<>();
        for (FleetMember member : fleet.members()) {
            Path home = Path.of(((MemberTarget.Local) member.target()).directory());
            Child child =
                    new Child(
                            member.name(),
                            new LocalMember(home, member.url()).process(),
                            member.url(),
                            home.resolve("runtime.log"));
            children.add(
                    children.isEmpty()
                            ? child
                            : child.after(List.of(children.get(children.size() - 1))));
        }
        return children;
    }

    /** The jar this JVM runs from: the build that becomes each replica's first release. */
    private static Path runningJar() {
        String classpath = System.getProperty("java.class.path");
        if (classpath.contains(File.pathSeparator) || !classpath.endsWith(".jar")) {
            throw new IllegalStateException(
                    "--replicas installs the running build as each replica's release and needs"
                            + " twops.jar: run bin/twops, which runs launcher/target/twops.jar");
        }
        return Path.of(classpath).toAbsolutePath();
    }

    /** Installs the running build as a release where missing, and links current to it if unset. */
    private static void install(Path home, Path jar) {
        String version = Version.tag();
        Releases releases = LocalMember.releases(home);
        Path release = PrivateFiles.directory(releases.directory(version));
        Path installed = release.resolve(LocalMember.JAR);
        try {
            Files.createDirectories(home.resolve("runtime"));
            if (!Files.isRegularFile(installed) || Files.size(installed) != Files.size(jar)) {
                Path partial = release.resolve(LocalMember.JAR + ".partial");
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, installed, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(home + ": cannot install release " + version, e);
        }
        if (releases.release(Releases.CURRENT).isEmpty()) {
            releases.link(Releases.CURRENT, version);
        }
    }

    /**
     * A replica's start script. It holds no secret: the admin token and the registry's password are
     * read from their files (mode 0600) as it starts.
     */
    static String script(String name, Path home, URI url, Layout layout, RegistryServer registry) {
        Path fleetDir = home.getParent();
        StringBuilder sh =
                new StringBuilder("#!/bin/sh\n")
                        .append("# Written by twops start --replicas at every start: starts ")
                        .append(name)
                        .append(" from the release that current links to.\n")
                        .append("set -e\n")
                        .append("here=")
                        .append(quote(home.toString()))
                        .append('\n')
                        .append("TENSOR_WASM_API_TOKENS=\"$(cat ")
                        .append(quote(layout.runtimeTokenFile().toAbsolutePath().toString()))
                        .append("):tenant=*\"\n")
                        .append("TENSOR_WASM_DB_USER=")
                        .append(RegistryServer.USER)
                        .append('\n')
                        .append("TENSOR_WASM_DB_PASSWORD=\"$(cat ")
                        .append(quote(RegistryServer.passwordFile(fleetDir).toString()))
                        .append(")\"\n")
                        .append("TENSOR_WASM_API_AUDIT_LOG=\"file:$here/runtime/audit.log\"\n")
                        .append(
                                "export TENSOR_WASM_API_TOKENS TENSOR_WASM_DB_USER"
                                        + " TENSOR_WASM_DB_PASSWORD TENSOR_WASM_API_AUDIT_LOG\n");
        layout.environment()
                .forEach(
                        (key, value) ->
                                sh.append("export ")
                                        .append(key)
                                        .append('=')
                                        .append(quote(value))
                                        .append('\n'));
        List<String> command = new ArrayList<>();
        command.add(quote(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-cp");
        command.add("\"$here/current/" + LocalMember.JAR + "\"");
        command.add(TensorWasmCommand.class.getName());
        command.addAll(
                List.of(
                        "serve",
                        "--bind",
                        quote(layout.bind()),
                        "--port",
                        Integer.toString(url.getPort()),
                        "--data-dir",
                        "\"$here/runtime\"",
                        "--db-url",
                        quote(registry.url())));
        return sh.append("exec ").append(String.join(" ", command)).append('\n').toString();
    }

    private static String fleetFile(URI balancer, List<FleetMember> members) {
        StringBuilder yaml =
                new StringBuilder(
                                "# Written by twops start --replicas at every start; edits are"
                                        + " lost. docs/RUNBOOK-FORMAT.md describes the format.\n")
                        .append("name: local\n")
                        .append("url: ")
                        .append(balancer)
                        .append('\n')
                        .append("load_balancer: {kind: haproxy, socket: haproxy.sock, backend: ")
                        .append(HaproxyProcess.BACKEND)
                        .append("}\n")
                        .append("members:\n");
        for (FleetMember m : members) {
            yaml.append("  - {name: ")
                    .append(m.name())
                    .append(", url: ")
                    .append(m.url())
                    .append(", server: ")
                    .append(m.server())
                    .append(", target: {local: ")
                    .append(m.name())
                    .append("}}\n");
        }
        return yaml.toString();
    }

    private static String host(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind;
    }

    /** A word in single quotes for sh, each single quote closed, escaped and reopened. */
    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
