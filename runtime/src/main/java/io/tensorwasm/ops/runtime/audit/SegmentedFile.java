package io.tensorwasm.ops.runtime.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The file sink of the audit log as a chain of segments (issue #18): lines go to the open segment
 * until it passes its size or its age, when it is closed under its number and the next one opens
 * with the closed one's digest. A start closes the segment the last process left open, whole or
 * torn by a crash, so every process begins a segment of its own and a restart, an upgrade or a
 * restore shows in the chain. A file written before segments (no header) becomes segment 0. Not
 * thread-safe: the audit log's one writer thread calls it.
 */
public final class SegmentedFile implements AutoCloseable {

    private final Path path;
    private final long maxBytes;
    private final Duration maxAge;
    private final Clock clock;
    private final Consumer<Path> created;
    private Writer writer;
    private long segment;
    private long bytes;
    private Instant opened;

    private SegmentedFile(
            Path path, long maxBytes, Duration maxAge, Clock clock, Consumer<Path> created) {
        this.path = path.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.maxAge = maxAge;
        this.clock = clock;
        this.created = created;
    }

    /**
     * Opens the log at {@code path}: closes what a previous process left there and opens the next
     * segment.
     *
     * @param created called with each file it creates before anything is written to it (to make it
     *     owner-only)
     */
    public static SegmentedFile open(
            Path path, long maxBytes, Duration maxAge, Clock clock, Consumer<Path> created) {
        SegmentedFile file = new SegmentedFile(path, maxBytes, maxAge, clock, created);
        file.start();
        return file;
    }

    private void start() {
        try {
            Files.createDirectories(path.getParent());
            String previous = Segments.GENESIS;
            long next = 1;
            if (Files.isRegularFile(path)) {
                long left = Segments.header(path).map(Segments.Header::segment).orElse(0L);
                Path closed = Segments.closed(path, left);
                if (Files.exists(closed)) {
                    throw new IllegalStateException(
                            path
                                    + " holds segment "
                                    + left
                                    + " but "
                                    + closed
                                    + " exists too; move one of them aside");
                }
                Files.move(path, closed, StandardCopyOption.ATOMIC_MOVE);
                previous = Segments.sha256(closed);
                next = left + 1;
            } else {
                Last last = lastClosed();
                if (last != null) {
                    previous = Segments.sha256(last.file);
                    next = last.number + 1;
                }
            }
            openSegment(next, previous);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + path, e);
        }
    }

    private record Last(long number, Path file) {}

    /** The closed segment with the highest number beside the log, when the open one is gone. */
    private Last lastClosed() throws IOException {
        Last last = null;
        try (var files = Files.list(path.getParent())) {
            for (Path file : files.toList()) {
                var n = Segments.number(path, file);
                if (n.isPresent() && (last == null || n.get() > last.number)) {
                    last = new Last(n.get(), file);
                }
            }
        }
        return last;
    }

    private void openSegment(long number, String previous) throws IOException {
        created.accept(path);
        writer =
                Files.newBufferedWriter(
                        path,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
        segment = number;
        opened = clock.instant();
        bytes = 0;
        writeLine(new Segments.Header(number, opened.toString(), previous).line());
    }

    /** Writes one line to the open segment, closing it first when it is full or old. */
    public void append(String line) {
        try {
            if (bytes >= maxBytes || !clock.instant().isBefore(opened.plus(maxAge))) {
                rotate();
            }
            writeLine(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit log " + path, e);
        }
    }

    /** Closes the open segment under its number and opens the next. */
    public void rotate() {
        try {
            writer.close();
            Path closed = Segments.closed(path, segment);
            Files.move(path, closed, StandardCopyOption.ATOMIC_MOVE);
            openSegment(segment + 1, Segments.sha256(closed));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close audit segment " + segment, e);
        }
    }

    /** The number of the open segment. */
    public long segment() {
        return segment;
    }

    private void writeLine(String line) throws IOException {
        writer.write(line);
        writer.write('\n');
        writer.flush();
        bytes += line.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit log " + path, e);
        }
    }
}
