package io.tensorwasm.ops.launcher;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The monitoring programs {@code twops start} runs, found on {@code PATH} as a shell would find
 * them. A missing one is a line saying how to install it, not an error: the rest of the loop
 * starts.
 *
 * @param name what the start report calls it
 * @param commands the executable's names, in the order they are looked for
 * @param debianPackage the package that installs it
 */
record Binaries(String name, List<String> commands, String debianPackage) {

    static final Binaries PROMETHEUS =
            new Binaries("Prometheus", List.of("prometheus"), "prometheus");

    /**
     * Debian calls the binary prometheus-alertmanager; the upstream archive calls it alertmanager.
     */
    static final Binaries ALERTMANAGER =
            new Binaries(
                    "Alertmanager",
                    List.of("prometheus-alertmanager", "alertmanager"),
                    "prometheus-alertmanager");

    /** HAProxy, the load balancer of {@code twops start --replicas}. */
    static final Binaries HAPROXY = new Binaries("HAProxy", List.of("haproxy"), "haproxy");

    /** The executable on the search path, if there is one. */
    Optional<Path> locate(String searchPath) {
        for (String entry :
                searchPath == null ? new String[0] : searchPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            for (String command : commands) {
                Path candidate = Path.of(entry, command);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The executable on this process's {@code PATH}, else in {@code /usr/sbin}, where Debian puts
     * HAProxy and a non-root {@code PATH} often does not look.
     */
    Optional<Path> locate() {
        String path = System.getenv("PATH");
        return locate((path == null ? "" : path) + File.pathSeparator + "/usr/sbin");
    }

    /** One line: what is missing and how to install it. */
    String missing() {
        return name
                + " is not installed ("
                + String.join(" or ", commands)
                + " is not on PATH): install it with bin/install-tools "
                + commands.get(0)
                + " or sudo apt-get install "
                + debianPackage;
    }
}
