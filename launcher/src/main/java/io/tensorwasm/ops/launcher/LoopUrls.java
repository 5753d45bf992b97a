package io.tensorwasm.ops.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Where each part of a running loop answers. {@code twops start} writes them to {@value #FILE}
 * under its data directory and removes the file when it stops, so {@code twops runbook} commands
 * find the runtime and Prometheus without flags.
 *
 * @param runtime the runtime's base URL
 * @param console the console's base URL, as the links in rules and pages name it
 * @param prometheus Prometheus's base URL, if there is one
 * @param alertmanager Alertmanager's base URL, if there is one
 */
public record LoopUrls(
        URI runtime, URI console, Optional<URI> prometheus, Optional<URI> alertmanager) {

    /** The file under the data directory. */
    public static final String FILE = "urls.properties";

    public LoopUrls {
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(console, "console");
        Objects.requireNonNull(prometheus, "prometheus");
        Objects.requireNonNull(alertmanager, "alertmanager");
    }

    /**
     * The URL of the named part ({@code runtime}, {@code prometheus}, ...) in the data dir's file.
     */
    public static Optional<String> read(Path dataDir, String part) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties urls = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            urls.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
        return Optional.ofNullable(urls.getProperty(part)).filter(url -> !url.isBlank());
    }

    /** Writes the file. */
    void write(Path dataDir) {
        Properties urls = new Properties();
        urls.setProperty("runtime", runtime.toString());
        urls.setProperty("console", console.toString());
        prometheus.ifPresent(url -> urls.setProperty("prometheus", url.toString()));
        alertmanager.ifPresent(url -> urls.setProperty("alertmanager", url.toString()));
        try (Writer out = Files.newBufferedWriter(dataDir.resolve(FILE), StandardCharsets.UTF_8)) {
            urls.store(out, "written by twops start; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException(dataDir.resolve(FILE) + ": cannot write", e);
        }
    }

    /** Removes the file. */
    static void remove(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(dataDir.resolve(FILE) + ": cannot delete", e);
        }
    }
}
