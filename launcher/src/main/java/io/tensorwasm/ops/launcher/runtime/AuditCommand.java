package io.tensorwasm.ops.launcher.runtime;

import io.tensorwasm.ops.runtime.audit.AuditChain;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tensor-wasm audit verify} and {@code tensor-wasm audit archive}: the audit log's
 * hash-chained segments (issue #18), read from the log's folder and the archive together. Both run
 * where the runtime runs, with its environment: the log is {@code TENSOR_WASM_API_AUDIT_LOG}'s
 * {@code file:PATH} unless {@code --audit-log} names it, the archive {@code
 * TENSOR_WASM_API_AUDIT_ARCHIVE}, else {@code audit-archive} beside the log.
 *
 * <pre>{@code
 * tensor-wasm audit verify
 * # audit chain verified: segments 1 to 7, 1204 records
 * tensor-wasm audit archive --archive /backup/tensor-wasm/audit
 * }</pre>
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "Verifies and archives the audit log's hash-chained segments.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Archive.class})
final class AuditCommand implements Runnable {

    @Spec CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Where the log and its archive are. */
    static final class Where {

        /** Where the variables are read from; tests replace it. */
        Map<String, String> env = System.getenv();

        @Option(
                names = "--audit-log",
                paramLabel = "PATH",
                description =
                        "The audit log's open segment (default: the file: of"
                                + " TENSOR_WASM_API_AUDIT_LOG).")
        Path log;

        @Option(
                names = "--archive",
                paramLabel = "DIR",
                description =
                        "The archive folder (default: TENSOR_WASM_API_AUDIT_ARCHIVE, else"
                                + " audit-archive beside the log).")
        Path archive;

        Path log() {
            if (log != null) {
                return log;
            }
            String sink = env.getOrDefault("TENSOR_WASM_API_AUDIT_LOG", "");
            if (!sink.startsWith("file:") || sink.length() == "file:".length()) {
                throw new IllegalArgumentException(
                        "no audit log file: TENSOR_WASM_API_AUDIT_LOG is \""
                                + sink
                                + "\", not file:PATH; give --audit-log PATH");
            }
            return Path.of(sink.substring("file:".length()));
        }

        Path archive() {
            if (archive != null) {
                return archive;
            }
            String set = env.getOrDefault("TENSOR_WASM_API_AUDIT_ARCHIVE", "");
            return set.isBlank()
                    ? log().toAbsolutePath().resolveSibling("audit-archive")
                    : Path.of(set);
        }
    }

    @Command(
            name = "verify",
            mixinStandardHelpOptions = true,
            description = {
                "Walks the chain of audit segments, the archive's and the live ones: each segment"
                        + " must carry the SHA-256 of the one before it.",
                "Exits 1 and names every segment that is missing or was edited."
            })
    static final class Verify implements Callable<Integer> {

        @Spec CommandSpec spec;

        @CommandLine.Mixin Where where = new Where();

        @Override
        public Integer call() {
            AuditChain.Report report = AuditChain.verify(where.log(), where.archive());
            (report.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr())
                    .println(report.render());
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return report.ok() ? 0 : 1;
        }
    }

    @Command(
            name = "archive",
            mixinStandardHelpOptions = true,
            description = {
                "Copies every closed audit segment the archive does not hold yet into it, then"
                        + " verifies the chain.",
                "A segment the archive holds with other bytes is never overwritten: verify names"
                        + " it."
            })
    static final class Archive implements Callable<Integer> {

        @Spec CommandSpec spec;

        @CommandLine.Mixin Where where = new Where();

        @Override
        public Integer call() {
            String done = AuditChain.archive(where.log(), where.archive());
            boolean ok = AuditChain.verify(where.log(), where.archive()).ok();
            (ok ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(done);
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().flush();
            return ok ? 0 : 1;
        }
    }
}
