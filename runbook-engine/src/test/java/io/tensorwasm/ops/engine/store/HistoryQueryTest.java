package io.tensorwasm.ops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HistoryQueryTest {

    @Test
    void refusesAPageOlderAndNewerAtOnce() {
        assertThatThrownBy(() -> HistoryQuery.builder().before(10).after(2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "before 10 and after 2: a page is older or newer than one id, not both");
    }

    @Test
    void refusesAnEmptyOrHugePage() {
        assertThatThrownBy(() -> HistoryQuery.builder().limit(0).build())
                .hasMessage("0: a history page holds 1 to 500 executions");
        assertThatThrownBy(() -> HistoryQuery.builder().limit(501).build())
                .hasMessage("501: a history page holds 1 to 500 executions");
    }

    @Test
    void keepsTheFilterWhenPaging() {
        HistoryQuery query = HistoryQuery.builder().runbook("rollback").before(9).build();
        HistoryQuery newer = query.newerThan(4);
        assertThat(newer.runbookId()).contains("rollback");
        assertThat(newer.before()).isEqualTo(OptionalLong.empty());
        assertThat(newer.after()).isEqualTo(OptionalLong.of(4));
        assertThat(HistoryQuery.builder().runbook(" ").build().runbookId()).isEmpty();
    }
}
