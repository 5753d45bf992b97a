package io.tensorwasm.ops.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds the tools that tests run. A missing tool is a {@link MissingToolException} that names its
 * Debian package: a test never skips because something is not installed.
 *
 * <pre>{@code
 * Path prometheus = Tools.system().locate(Tool.PROMETHEUS);
 * }</pre>
 */
public final class Tools {

    private final List<Path> directories;

    private Tools(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** Searches PATH, /usr/bin, /usr/sbin and the newest /usr/lib/postgresql/N/bin. */
    public static Tools system() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        dirs.add(Path.of("/usr/bin"));
        dirs.add(Path.of("/usr/sbin"));
        postgresBinDirectory().ifPresent(dirs::add);
        return new Tools(dirs);
    }

    /** Searches only the given directories; tests use it to prove the missing-tool message. */
    public static Tools in(Path... directories) {
        return new Tools(List.of(directories));
    }

    /** Returns the executable for the tool, or throws naming the package to install. */
    public Path locate(Tool tool) {
        for (Path dir : directories) {
            Path candidate = dir.resolve(tool.command());
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String searched =
                directories.stream()
                        .map(Path::toString)
                        .distinct()
                        .collect(Collectors.joining(":"));
        throw new MissingToolException(tool, searched.isEmpty() ? "(no directories)" : searched);
    }

    private static Optional<Path> postgresBinDirectory() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(Files::isDirectory)
                    .max(Comparator.comparing(Tools::majorVersion));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException ignored) {
            return -1;
        }
    }
}
