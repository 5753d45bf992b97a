package io.tensorwasm.ops.runbooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The runbook pages shipped in this module under {@code runbooks/*.md}, read from the class path
 * whether it is a directory or a jar.
 *
 * <pre>{@code
 * for (RunbookPage page : RunbookCatalogue.load()) {
 *     System.out.println(page.id() + " " + page.front("kind"));
 * }
 * }</pre>
 */
public final class RunbookCatalogue {

    /** The class-path folder that holds the pages. */
    public static final String FOLDER = "runbooks";

    private RunbookCatalogue() {}

    /** Every page, sorted by id. */
    public static List<RunbookPage> load() {
        URL marker = RunbookCatalogue.class.getResource("/" + FOLDER);
        if (marker == null) {
            throw new IllegalStateException("/" + FOLDER + ": not on the class path");
        }
        try {
            if ("jar".equals(marker.getProtocol())) {
                try (FileSystem jar = FileSystems.newFileSystem(marker.toURI(), Map.of())) {
                    return read(jar.getPath("/" + FOLDER));
                }
            }
            return read(Path.of(marker.toURI()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(marker + ": not a readable location", e);
        }
    }

    /** The page with that id. */
    public static RunbookPage page(String id) {
        return load().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + ": no such runbook"));
    }

    private static List<RunbookPage> read(Path folder) throws IOException {
        List<RunbookPage> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md"))
                            .sorted(Comparator.comparing(Path::toString))
                            .toList()) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".md".length());
                pages.add(
                        RunbookReader.parse(
                                id,
                                FOLDER + "/" + name,
                                Files.readString(file, StandardCharsets.UTF_8)));
            }
        }
        return List.copyOf(pages);
    }
}
