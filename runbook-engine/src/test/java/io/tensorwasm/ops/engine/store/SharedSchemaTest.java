package io.tensorwasm.ops.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SharedSchemaTest {

    @Test
    void migratesIntoASchemaWhereAnotherModulesTablesCameFirst() throws Exception {
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("create table console_token (id varchar(32) primary key)");
            }
            try (ExecutionStore store = JdbcExecutionStore.over(pool, Duration.ofSeconds(30))) {
                assertThat(store.recent(5)).isEmpty();
                assertThat(store.killSwitchEngaged()).isFalse();
            }
        }
    }
}
