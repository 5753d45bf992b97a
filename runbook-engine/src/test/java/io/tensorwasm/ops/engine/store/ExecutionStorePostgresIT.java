package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.testkit.PostgresServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ExecutionStorePostgresIT extends ExecutionStoreContract {

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

    private String url;

    @Override
    ExecutionStore openStore() {
        url = postgres.createDatabase("engine_" + DATABASES.incrementAndGet());
        return JdbcExecutionStore.open(url, postgres.user(), "", Duration.ofSeconds(2));
    }

    @Override
    ExecutionStore openSecondNode() {
        return JdbcExecutionStore.open(url, postgres.user(), "", Duration.ofSeconds(2));
    }
}
