package io.tensorwasm.ops.runtime.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #18: the audit log is written in segments rotated by size or age and chained by digest;
 * verify proves the chain across restarts and archives, and names a removed or an edited segment.
 */
class AuditChainTest {

    @TempDir Path dir;

    private Path log() {
        return dir.resolve("audit.log");
    }

    /** Two processes' worth of records: 3 segments by size in the first, 1 more after a restart. */
    private void write() {
        try (SegmentedFile first =
                SegmentedFile.open(log(), 200, Duration.ofDays(1), Clock.systemUTC(), p -> {})) {
            for (int i = 0; i < 6; i++) {
                first.append(
                        "{\"action\":\"function.create\",\"n\":"
                                + i
                                + ",\"pad\":\""
                                + "x".repeat(40)
                                + "\"}");
            }
        }
        try (SegmentedFile second =
                SegmentedFile.open(log(), 200, Duration.ofDays(1), Clock.systemUTC(), p -> {})) {
            second.append("{\"action\":\"function.delete\",\"n\":6}");
        }
    }

    @Test
    void segmentsRotateBySizeAndARestartClosesTheOpenOneIntoTheChain() throws Exception {
        write();

        AuditChain.Report report = AuditChain.verify(log(), dir.resolve("archive"));

        assertThat(report.problems()).isEmpty();
        assertThat(report.first()).isEqualTo(1);
        assertThat(report.last()).isGreaterThanOrEqualTo(4);
        assertThat(report.records()).isEqualTo(7);
        assertThat(Files.readAllLines(log()).get(0))
                .startsWith("{\"segment\":" + report.last() + ",\"opened\":\"")
                .contains(
                        "\"previous_sha256\":\""
                                + Segments.sha256(Segments.closed(log(), report.last() - 1))
                                + "\"");
        assertThat(Files.readAllLines(log()).get(1))
                .isEqualTo("{\"action\":\"function.delete\",\"n\":6}");
    }

    @Test
    void segmentsRotateByAge() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock =
                new Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return now[0];
                    }
                };
        try (SegmentedFile file =
                SegmentedFile.open(log(), 1 << 20, Duration.ofHours(1), clock, p -> {})) {
            file.append("{\"n\":1}");
            now[0] = now[0].plus(Duration.ofMinutes(61));
            file.append("{\"n\":2}");
            assertThat(file.segment()).isEqualTo(2);
        }
        assertThat(AuditChain.verify(log(), null).problems()).isEmpty();
    }

    @Test
    void aRemovedSegmentIsNamed() throws Exception {
        write();
        Files.delete(Segments.closed(log(), 2));

        AuditChain.Report report = AuditChain.verify(log(), null);

        assertThat(report.ok()).isFalse();
        assertThat(report.problems())
                .contains("segment 2 missing between segments 1 and 3: removed");
        assertThat(report.render()).startsWith("audit chain broken:");
    }

    @Test
    void anEditedSegmentIsNamedWithBothDigests() throws Exception {
        write();
        Path second = Segments.closed(log(), 2);
        String before = Segments.sha256(second);
        Files.writeString(
                second, Files.readString(second).replace("function.create", "function.forged"));

        AuditChain.Report report = AuditChain.verify(log(), null);

        assertThat(report.problems())
                .singleElement()
                .asString()
                .startsWith(
                        "segment 2 ("
                                + second
                                + ") was edited: its SHA-256 is "
                                + Segments.sha256(second))
                .endsWith("but segment 3 began after one of " + before);
    }

    @Test
    void removingTheFirstSegmentsIsNamedToo() throws Exception {
        write();
        Files.delete(Segments.closed(log(), 1));

        assertThat(AuditChain.verify(log(), null).problems())
                .containsExactly("segment 1 is missing: the chain starts at segment 2");
    }

    @Test
    void theArchiveKeepsTheChainWholeAndCatchesACopyThatDiffers() throws Exception {
        write();
        Path archive = dir.resolve("archive");

        String archived = AuditChain.archive(log(), archive);
        assertThat(archived)
                .startsWith("archived ")
                .contains("audit chain verified: segments 1 to ");
        // The live closed segments may go once archived: the chain still verifies.
        for (Path file : List.of(Segments.closed(log(), 1), Segments.closed(log(), 2))) {
            Files.delete(file);
        }
        assertThat(AuditChain.verify(log(), archive).problems()).isEmpty();

        Path copy = archive.resolve(Segments.closed(log(), 3).getFileName());
        Files.writeString(copy, Files.readString(copy) + "{\"forged\":true}\n");
        assertThat(AuditChain.verify(log(), archive).problems())
                .anyMatch(p -> p.startsWith("segment 3 differs between "));
    }

    @Test
    void aLogWrittenBeforeSegmentsBecomesSegmentZero() throws Exception {
        Files.writeString(log(), "{\"action\":\"function.create\"}\n");

        try (SegmentedFile file =
                SegmentedFile.open(
                        log(), 1 << 20, Duration.ofDays(1), Clock.systemUTC(), p -> {})) {
            file.append("{\"action\":\"function.delete\"}");
        }

        AuditChain.Report report = AuditChain.verify(log(), null);
        assertThat(report.problems()).isEmpty();
        assertThat(report.render())
                .isEqualTo(
                        "audit chain verified: segments 0 to 1, 2 records (segment 0 was written"
                                + " before segments were chained)");
    }
}
