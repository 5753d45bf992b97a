package io.tensorwasm.ops.engine.parse;

import io.tensorwasm.ops.engine.model.Allowlist;
import io.tensorwasm.ops.engine.model.Position;
import io.tensorwasm.ops.engine.model.Problem;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.RunbookFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads runbooks from files and folders and lints them: {@code .md} pages, and {@code .txt} files
 * in the seed's table style.
 *
 * <pre>{@code
 * LintReport report = Catalog.lint(Path.of("runbooks"));
 * report.problems().forEach(System.err::println);  // runbooks/rollback.md:42:3: unknown ...
 * Runbook runbook = Catalog.parse(Path.of("runbooks/rollback.md"), text).get(0);
 * LintReport shipped = Catalog.lintResources("runbooks", loader);  // from a jar or a folder
 * }</pre>
 */
public final class Catalog {

    private Catalog() {}

    /**
     * As {@link #lint(Path...)}, and checks every {@code shell} program and {@code cli} tool
     * against an allowlist, naming the step and its line.
     */
    public static LintReport lint(Allowlist allowlist, Path... paths) {
        return against(lint(paths), allowlist);
    }

    /** The report with the problems of its runbooks' shell and cli steps under an allowlist. */
    public static LintReport against(LintReport report, Allowlist allowlist) {
        List<Problem> problems = new ArrayList<>(report.problems());
        problems.addAll(AllowlistLint.problems(report.runbooks(), allowlist));
        problems.sort(
                Comparator.comparing((Problem p) -> p.position().file().toString())
                        .thenComparingInt(p -> p.position().line())
                        .thenComparingInt(p -> p.position().column()));
        return new LintReport(report.runbooks(), problems);
    }

    /** Reads and lints every runbook under the paths, with the catalogue rules across them. */
    public static LintReport lint(Path... paths) {
        List<Runbook> runbooks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                runbooks.addAll(read(file, text(file), problems));
            }
        }
        RunbookLinter.catalogue(runbooks, problems);
        return new LintReport(runbooks, problems);
    }

    /**
     * Reads and lints the pages of a class-path folder, whether it is a directory or inside a jar,
     * as one catalogue, against the allowlist in force ({@link AllowlistFile#inForce()}); problems
     * name each page {@code FOLDER/NAME.md}.
     */
    public static LintReport lintResources(String folder, ClassLoader loader) {
        return lintResources(folder, loader, AllowlistFile.inForce());
    }

    /** As {@link #lintResources(String, ClassLoader)}, against the given allowlist. */
    public static LintReport lintResources(String folder, ClassLoader loader, Allowlist allowlist) {
        return against(shipped(folder, loader), allowlist);
    }

    private static LintReport shipped(String folder, ClassLoader loader) {
        URL marker = loader.getResource(folder);
        if (marker == null) {
            throw new IllegalArgumentException(folder + ": no such folder on the class path");
        }
        try {
            if (marker.getProtocol().equals("jar")) {
                URLConnection connection = marker.openConnection();
                Path jarFile = Path.of(((JarURLConnection) connection).getJarFileURL().toURI());
                try (FileSystem jar = FileSystems.newFileSystem(jarFile, (ClassLoader) null)) {
                    return lintFolder(jar.getPath(folder), folder);
                }
            }
            return lintFolder(Path.of(marker.toURI()), folder);
        } catch (IOException e) {
            throw new UncheckedIOException(marker + ": cannot read", e);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(marker + ": not a readable location", e);
        }
    }

    private static LintReport lintFolder(Path folder, String name) throws IOException {
        List<Runbook> runbooks = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files(folder)) {
            Path shown = Path.of(name).resolve(folder.relativize(file).toString());
            runbooks.addAll(read(shown, Files.readString(file, StandardCharsets.UTF_8), problems));
        }
        RunbookLinter.catalogue(runbooks, problems);
        return new LintReport(runbooks, problems);
    }

    /** Reads and lints one file's text. */
    public static LintReport lint(Path file, String text) {
        List<Problem> problems = new ArrayList<>();
        List<Runbook> runbooks = read(file, text, problems);
        RunbookLinter.catalogue(runbooks, problems);
        return new LintReport(runbooks, problems);
    }

    /** Reads one file's runbooks, or throws the first problem. */
    public static List<Runbook> parse(Path file, String text) {
        LintReport report = lint(file, text);
        if (!report.ok()) {
            throw new RunbookFormatException(report.problems().get(0));
        }
        return report.runbooks();
    }

    private static List<Runbook> read(Path file, String text, List<Problem> problems) {
        List<Problem> found = new ArrayList<>();
        List<Runbook> runbooks = new ArrayList<>();
        if (file.toString().endsWith(".md")) {
            MarkdownRunbooks.parse(file, text, found).ifPresent(runbooks::add);
        } else if (SeedImporter.recognises(text)) {
            runbooks.addAll(SeedImporter.parse(file, text, found));
        } else {
            found.add(
                    new Problem(
                            Position.of(file),
                            "not a runbook: neither a .md page nor seed-style P1-001 blocks"));
        }
        found.sort(
                Comparator.comparingInt((Problem p) -> p.position().line())
                        .thenComparingInt(p -> p.position().column()));
        problems.addAll(found);
        return runbooks;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(path + ": no such file or folder");
            }
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(
                            p ->
                                    p.toString().endsWith(".md")
                                            && !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot list", e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }
}
