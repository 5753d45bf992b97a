package io.tensorwasm.ops.runtime.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Verifies and archives the audit log's segments (issue #18): {@code tensor-wasm audit verify} and
 * {@code tensor-wasm audit archive}. The chain is read from the archive folder and the live one
 * together, so archived segments still count; a segment in both must be the same bytes in both.
 *
 * <pre>{@code
 * AuditChain.Report report = AuditChain.verify(Path.of("/var/lib/tensor-wasm/audit.log"), archive);
 * report.problems();   // segment 4 is missing: removed from the live folder and the archive
 * }</pre>
 */
public final class AuditChain {

    private AuditChain() {}

    /**
     * What verify found: the segments read, from first to last, and every break of the chain.
     *
     * @param first the first segment's number, or -1 when there is none
     * @param last the last one's
     * @param records the lines of records, headers left out
     * @param problems every break, each naming the segment and what is wrong with it
     */
    public record Report(long first, long last, long records, List<String> problems) {
        public Report {
            problems = List.copyOf(problems);
        }

        /** True when the chain is whole. */
        public boolean ok() {
            return problems.isEmpty();
        }

        /** One line for a person: what was verified, or each problem on a line of its own. */
        public String render() {
            if (!ok()) {
                return "audit chain broken:\n  " + String.join("\n  ", problems);
            }
            if (first < 0) {
                return "no audit segments yet";
            }
            return "audit chain verified: segments "
                    + first
                    + " to "
                    + last
                    + ", "
                    + records
                    + " records"
                    + (first == 0 ? " (segment 0 was written before segments were chained)" : "");
        }
    }

    /**
     * Verifies the chain of the log at {@code open} and its archive folder (which may be absent).
     */
    public static Report verify(Path open, Path archive) {
        Path log = open.toAbsolutePath();
        List<String> problems = new ArrayList<>();
        Map<Long, Path> segments = new TreeMap<>();
        collect(log, log.getParent(), segments, problems);
        if (archive != null && Files.isDirectory(archive)) {
            collect(log, archive, segments, problems);
        }
        if (Files.isRegularFile(log)) {
            Optional<Segments.Header> header = Segments.header(log);
            if (header.isEmpty()) {
                problems.add(log + ": the open segment has no chain header");
            } else if (segments.containsKey(header.get().segment())) {
                problems.add(
                        log
                                + " is segment "
                                + header.get().segment()
                                + ", which is also closed in "
                                + segments.get(header.get().segment()));
            } else {
                segments.put(header.get().segment(), log);
            }
        }
        if (segments.isEmpty()) {
            return new Report(-1, -1, 0, problems);
        }
        long first = segments.keySet().iterator().next();
        if (first > 1) {
            problems.add(
                    (first == 2 ? "segment 1 is" : "segments 1 to " + (first - 1) + " are")
                            + " missing: the chain starts at segment "
                            + first);
        }
        long records = 0;
        Path previousFile = null;
        long previous = -1;
        for (Map.Entry<Long, Path> entry : segments.entrySet()) {
            long n = entry.getKey();
            Path file = entry.getValue();
            records += lines(file) - (n == 0 ? 0 : 1);
            if (previous >= 0 && n != previous + 1) {
                problems.add(
                        "segment "
                                + (previous + 1)
                                + (n - previous > 2 ? " to " + (n - 1) : "")
                                + " missing between segments "
                                + previous
                                + " and "
                                + n
                                + ": removed");
            }
            Optional<Segments.Header> header = n == 0 ? Optional.empty() : Segments.header(file);
            if (n > 0 && header.isEmpty()) {
                problems.add(file + ": segment " + n + " has no chain header");
            } else if (n > 0) {
                if (header.get().segment() != n) {
                    problems.add(
                            file
                                    + ": named segment "
                                    + n
                                    + " but its header says "
                                    + header.get().segment());
                }
                String expected =
                        previous == n - 1 && previousFile != null
                                ? Segments.sha256(previousFile)
                                : n == 1 ? Segments.GENESIS : null;
                if (expected != null && !expected.equals(header.get().previousSha256())) {
                    problems.add(
                            n == 1
                                    ? "segment 1 does not start the chain: its previous digest is "
                                            + header.get().previousSha256()
                                    : "segment "
                                            + (n - 1)
                                            + " ("
                                            + previousFile
                                            + ") was edited: its SHA-256 is "
                                            + expected
                                            + ", but segment "
                                            + n
                                            + " began after one of "
                                            + header.get().previousSha256());
                }
            }
            previous = n;
            previousFile = file;
        }
        return new Report(first, previous, records, problems);
    }

    /**
     * Copies every closed segment that the archive does not hold yet into it (owner-only), then
     * verifies the chain; a segment the archive holds with other bytes is a problem, never
     * overwritten.
     *
     * @return what was copied and the verification
     */
    public static String archive(Path open, Path archive) {
        Path log = open.toAbsolutePath();
        List<String> copied = new ArrayList<>();
        try {
            Files.createDirectories(archive);
            try (Stream<Path> files = Files.list(log.getParent())) {
                for (Path file : files.sorted().toList()) {
                    if (Segments.number(log, file).isEmpty()) {
                        continue;
                    }
                    Path target = archive.resolve(file.getFileName());
                    if (!Files.exists(target)) {
                        Path partial = archive.resolve(file.getFileName() + ".partial");
                        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                        copied.add(file.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot archive audit segments to " + archive, e);
        }
        Report report = verify(log, archive);
        return (copied.isEmpty()
                        ? "archive " + archive + " already held every closed segment"
                        : "archived "
                                + copied.size()
                                + " segments to "
                                + archive
                                + ": "
                                + String.join(", ", copied))
                + "\n"
                + report.render();
    }

    private static void collect(
            Path log, Path folder, Map<Long, Path> segments, List<String> problems) {
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                Optional<Long> n = Segments.number(log, file);
                if (n.isEmpty()) {
                    continue;
                }
                Path known = segments.get(n.get());
                if (known == null) {
                    segments.put(n.get(), file);
                } else if (!Segments.sha256(known).equals(Segments.sha256(file))) {
                    problems.add(
                            "segment "
                                    + n.get()
                                    + " differs between "
                                    + known
                                    + " and "
                                    + file
                                    + ": one of them was edited");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(folder + ": cannot list", e);
        }
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
