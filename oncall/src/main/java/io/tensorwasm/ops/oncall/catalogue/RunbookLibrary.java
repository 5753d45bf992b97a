package io.tensorwasm.ops.oncall.catalogue;

import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.parse.AllowlistFile;
import io.tensorwasm.ops.engine.parse.Catalog;
import io.tensorwasm.ops.engine.parse.LintReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The runbook catalogue the console serves, read once at start with the engine's {@link Catalog},
 * against the shell and cli allowlist in force. A page that does not lint stays readable: it is
 * listed with its problems and cannot be run.
 *
 * <pre>{@code
 * RunbookLibrary library = RunbookLibrary.load(List.of());   // the catalogue on the class path
 * library.entry("rollback").ifPresent(e -> System.out.println(e.problems()));
 * }</pre>
 */
public final class RunbookLibrary {

    /** The class-path folder of the shipped catalogue (the {@code runbooks} module). */
    public static final String CLASS_PATH_FOLDER = "runbooks";

    private final List<LibraryEntry> entries;
    private final Map<String, LibraryEntry> byId = new LinkedHashMap<>();

    private RunbookLibrary(List<LibraryEntry> entries) {
        this.entries = List.copyOf(entries);
        entries.forEach(e -> byId.putIfAbsent(e.id(), e));
    }

    /**
     * Reads the pages in the folders, or the shipped catalogue when there is no folder, against the
     * allowlist in force ({@link AllowlistFile#inForce()}); a bad allowlist file stops the start
     * with its file, line and what is wrong.
     */
    public static RunbookLibrary load(List<Path> folders) {
        return load(folders, AllowlistFile.inForce());
    }

    /** As {@link #load(List)}, its shell and cli steps checked against the given allowlist. */
    public static RunbookLibrary load(List<Path> folders, Allowlist allowlist) {
        return folders.isEmpty() ? fromClassPath(allowlist) : read(folders, allowlist);
    }

    /** Every page, in file order. */
    public List<LibraryEntry> entries() {
        return entries;
    }

    /** The page with an id. */
    public Optional<LibraryEntry> entry(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A runbook the engine read, by id, for {@code decide} steps that lead to another one. */
    public Optional<Runbook> runbook(String id) {
        return entry(id).flatMap(LibraryEntry::runbook);
    }

    /** The page that answers an alert, if one does. */
    public Optional<LibraryEntry> forAlert(String alert) {
        return entries.stream().filter(e -> e.alert().equals(alert)).findFirst();
    }

    /** The alert pages, by alert name. */
    public List<LibraryEntry> alertIndex() {
        return entries.stream()
                .filter(e -> !e.alert().isEmpty())
                .sorted(Comparator.comparing(LibraryEntry::alert))
                .toList();
    }

    private static RunbookLibrary fromClassPath(Allowlist allowlist) {
        URL folder = Thread.currentThread().getContextClassLoader().getResource(CLASS_PATH_FOLDER);
        if (folder == null) {
            throw new IllegalStateException(
                    CLASS_PATH_FOLDER
                            + "/: no runbook catalogue on the class path; add the runbooks module"
                            + " or name a folder of runbooks");
        }
        try {
            URI uri = folder.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return read(List.of(Path.of(uri)), allowlist);
            }
            try {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(List.of(jar.getPath("/" + CLASS_PATH_FOLDER)), allowlist);
                }
            } catch (FileSystemAlreadyExistsException ignored) {
                return read(
                        List.of(FileSystems.getFileSystem(uri).getPath("/" + CLASS_PATH_FOLDER)),
                        allowlist);
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(folder + ": not a readable location", e);
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot open", e);
        }
    }

    /** Reads every {@code .md} page under the folders and lints them as one catalogue. */
    private static RunbookLibrary read(List<Path> folders, Allowlist allowlist) {
        Map<Path, String> names = new LinkedHashMap<>();
        Map<Path, String> texts = new LinkedHashMap<>();
        for (Path folder : folders) {
            for (Path file : pages(folder)) {
                names.put(file, display(folder, file));
                texts.put(file, text(file));
            }
        }
        LintReport report = Catalog.lint(allowlist, texts.keySet().toArray(Path[]::new));
        List<LibraryEntry> entries = new ArrayList<>();
        texts.forEach(
                (file, text) -> {
                    String name = names.get(file);
                    List<Runbook> read =
                            report.runbooks().stream()
                                    .filter(r -> r.position().file().equals(file))
                                    .toList();
                    List<String> problems =
                            report.problems().stream()
                                    .filter(p -> p.position().file().equals(file))
                                    .map(p -> describe(p, name))
                                    .toList();
                    String fileName = file.getFileName().toString();
                    Optional<Runbook> runbook = read.stream().findFirst();
                    String id =
                            runbook.map(Runbook::id)
                                    .orElse(fileName.substring(0, fileName.length() - 3));
                    entries.add(new LibraryEntry(id, name, runbook, problems, text));
                });
        return new RunbookLibrary(entries);
    }

    private static List<Path> pages(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(folder + ": no such folder of runbooks");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list", e);
        }
    }

    private static String display(Path folder, Path file) {
        Path name = folder.getFileName();
        String relative = folder.relativize(file).toString();
        return name == null ? relative : name + "/" + relative;
    }

    private static String describe(Problem problem, String file) {
        return file
                + ":"
                + problem.position().line()
                + ":"
                + problem.position().column()
                + ": "
                + problem.message();
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }
}
