package io.tensorwasm.ops.runtime.api;

import io.tensorwasm.ops.runtime.audit.SegmentedFile;
import io.tensorwasm.ops.runtime.store.DataDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per state-changing call, written off the event loop to {@code stdout} or {@code
 * file:PATH} ({@code TENSOR_WASM_API_AUDIT_LOG}), the file in hash-chained segments that {@code
 * tensor-wasm audit verify} checks. A line carries the token's id, never the token, and the
 * request's trace id.
 *
 * <pre>
 * {"time":"2026-01-01T00:00:00Z","action":"function.create","function_id":"fn_...","outcome":"success","status":201,"token_id":"9f86d081884c7d65","actor":{"tenant":"*","scope":{"kind":"admin"}},"name":"dr-smoke"}
 * </pre>
 */
final class AuditLog implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(AuditLog.class);

    private final ExecutorService writer;
    private final SegmentedFile file;
    private final PrintStream stdout;

    private AuditLog(SegmentedFile file, PrintStream stdout) {
        this.file = file;
        this.stdout = stdout;
        this.writer =
                file == null && stdout == null
                        ? null
                        : Executors.newSingleThreadExecutor(
                                r -> {
                                    Thread t = new Thread(r, "tensor-wasm-audit");
                                    t.setDaemon(true);
                                    return t;
                                });
    }

    /** Opens the sink named by {@code stdout}, {@code file:PATH} or {@code off}. */
    static AuditLog open(String sink) {
        return open(sink, 64L * 1024 * 1024, Duration.ofDays(1));
    }

    /**
     * Opens the sink; a {@code file:PATH} sink is written in hash-chained segments closed past
     * {@code segmentBytes} or {@code segmentAge} ({@link SegmentedFile}).
     */
    static AuditLog open(String sink, long segmentBytes, Duration segmentAge) {
        if (sink == null || sink.isBlank() || sink.equals("off")) {
            return new AuditLog(null, null);
        }
        if (sink.equals("stdout")) {
            return new AuditLog(null, System.out);
        }
        if (sink.startsWith("file:") && sink.length() > "file:".length()) {
            Path path = Path.of(sink.substring("file:".length()));
            return new AuditLog(
                    SegmentedFile.open(
                            path,
                            segmentBytes,
                            segmentAge,
                            Clock.systemUTC(),
                            AuditLog::privateFile),
                    null);
        }
        throw new IllegalArgumentException(
                "\"" + sink + "\": TENSOR_WASM_API_AUDIT_LOG must be stdout, file:PATH or off");
    }

    /**
     * Creates a segment with mode 0600, or sets an existing one to 0600: its lines name tenants and
     * token ids (issue #16).
     */
    private static void privateFile(Path path) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(DataDirectory.FILE));
        } catch (FileAlreadyExistsException e) {
            try {
                DataDirectory.restrict(path, DataDirectory.FILE);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit log " + path, e);
        }
    }

    /** Queues one record for writing. */
    void record(AuditRecord record) {
        if (writer == null) {
            return;
        }
        String text = record.toJsonLine();
        writer.execute(() -> write(text));
    }

    private void write(String text) {
        if (stdout != null) {
            stdout.println(text);
            stdout.flush();
            return;
        }
        try {
            file.append(text);
        } catch (UncheckedIOException e) {
            logger.error("cannot write an audit record: {}", e.getCause().toString());
        }
    }

    /** Writes what is queued and closes the file. */
    @Override
    public void close() {
        if (writer == null) {
            return;
        }
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
            if (file != null) {
                file.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (UncheckedIOException e) {
            logger.error("cannot close the audit log: {}", e.getCause().toString());
        }
    }
}
