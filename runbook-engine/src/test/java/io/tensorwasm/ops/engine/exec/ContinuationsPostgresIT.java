package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import io.tensorwasm.ops.testkit.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ContinuationsPostgresIT extends ContinuationsContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    ExecutionStore openStore() {
        String url = postgres.createDatabase("continuations_" + DATABASES.incrementAndGet());
        return JdbcExecutionStore.open(url, postgres.user(), "");
    }
}
