package io.tensorwasm.ops.oncall.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadableTest {

    @Test
    void printsDurationsInTheUnitThatReadsBest() {
        assertThat(Readable.duration(Duration.ofMillis(340))).isEqualTo("340 ms");
        assertThat(Readable.duration(Duration.ofMillis(4_240))).isEqualTo("4.2 s");
        assertThat(Readable.duration(Duration.ofSeconds(125))).isEqualTo("2m 05s");
        assertThat(Readable.duration(Duration.ofMinutes(62))).isEqualTo("1h 02m");
    }

    @Test
    void printsInstantsInUtcToTheSecond() {
        assertThat(Readable.instant(Instant.parse("2026-11-25T10:00:01.5Z")))
                .isEqualTo("2026-11-25 10:00:01 UTC");
    }
}
