package io.tensorwasm.ops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DurableUrlTest {

    @Test
    void anH2FileWritesEveryCommitAtOnce() {
        assertThat(JdbcExecutionStore.durable("jdbc:h2:file:./data/engine"))
                .isEqualTo("jdbc:h2:file:./data/engine;WRITE_DELAY=0");
    }

    @Test
    void memoryDatabasesPostgresAndAnExplicitDelayAreLeftAsGiven() {
        assertThat(JdbcExecutionStore.durable("jdbc:h2:mem:plan")).isEqualTo("jdbc:h2:mem:plan");
        assertThat(JdbcExecutionStore.durable("jdbc:postgresql://db/ops"))
                .isEqualTo("jdbc:postgresql://db/ops");
        assertThat(JdbcExecutionStore.durable("jdbc:h2:file:x;write_delay=100"))
                .isEqualTo("jdbc:h2:file:x;write_delay=100");
    }
}
