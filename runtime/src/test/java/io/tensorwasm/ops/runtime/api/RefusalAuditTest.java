package io.tensorwasm.ops.runtime.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefusalAuditTest {

    @TempDir Path dir;

    @Test
    void boundsTheLinesOfAMinuteAndCountsEveryRefusal() throws Exception {
        Path file = dir.resolve("audit.log");
        int addresses = RefusalAudit.MAX_ADDRESSES + 50;
        int perAddress = RefusalAudit.LINES_PER_ADDRESS + 5;
        try (AuditLog audit = AuditLog.open("file:" + file)) {
            RefusalAudit refusals = new RefusalAudit(audit);
            for (int a = 0; a < addresses; a++) {
                for (int i = 0; i < perAddress; i++) {
                    refusals.refused("10.0." + a / 256 + "." + a % 256, refusal(i));
                }
            }
            refusals.close();
        }
        // The first line is the segment's chain header, no record.
        List<JsonObject> lines =
                Files.readAllLines(file).stream().skip(1).map(JsonObject::new).toList();
        int single = RefusalAudit.MAX_ADDRESSES * RefusalAudit.LINES_PER_ADDRESS;
        // One counted line per capped address and outcome, plus the shared tally's two outcomes.
        assertThat(lines).hasSize(single + RefusalAudit.MAX_ADDRESSES * 2 + 2);
        assertThat(lines.stream().mapToInt(l -> l.getInteger("count", 1)).sum())
                .isEqualTo(addresses * perAddress);
        assertThat(
                        lines.stream()
                                .filter(
                                        l ->
                                                RefusalAudit.OTHER.equals(
                                                        l.getString("remote_address"))))
                .extracting(l -> l.getInteger("count"))
                .containsExactlyInAnyOrder(50 * 8, 50 * 7);
    }

    /** Refusal i of an address: unauthorized when even, rate limited when odd. */
    private static AuditRecord refusal(int i) {
        boolean limited = i % 2 == 1;
        return new AuditRecord(
                "auth.failure",
                null,
                limited ? "rate_limited" : "unauthorized",
                limited ? 429 : 401,
                new Caller("unknown", null, "none"),
                null,
                "4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
