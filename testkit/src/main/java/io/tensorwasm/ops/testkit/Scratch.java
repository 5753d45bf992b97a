package io.tensorwasm.ops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/** Log files under {@code target/testkit/} and throwaway directories for fixtures. */
final class Scratch {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Scratch() {}

    static Path logFile(String name) {
        Path dir = Path.of("target", "testkit").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.resolve(
                name
                        + "-"
                        + ProcessHandle.current().pid()
                        + "-"
                        + SEQUENCE.incrementAndGet()
                        + ".log");
    }

    static Path directory(String prefix) {
        try {
            return Files.createTempDirectory("twops-" + prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
