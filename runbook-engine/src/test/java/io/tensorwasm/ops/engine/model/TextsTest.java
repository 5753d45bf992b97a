package io.tensorwasm.ops.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void writesAnOffsetShortForAColumn() {
        assertThat(Texts.since(Duration.ofMillis(14_900))).isEqualTo("+14 s");
        assertThat(Texts.since(Duration.ofSeconds(125))).isEqualTo("+2 min 05 s");
        assertThat(Texts.since(Duration.ofMinutes(62))).isEqualTo("+1 h 02 min");
        assertThat(Texts.since(Duration.ofSeconds(-3))).isEqualTo("+0 s");
    }

    @Test
    void listsItemsAsASentenceDoes() {
        assertThat(Texts.list(List.of())).isEmpty();
        assertThat(Texts.list(List.of("1"))).isEqualTo("1");
        assertThat(Texts.list(List.of("1", "2"))).isEqualTo("1 and 2");
        assertThat(Texts.list(List.of("1", "2", "3"))).isEqualTo("1, 2 and 3");
    }
}
