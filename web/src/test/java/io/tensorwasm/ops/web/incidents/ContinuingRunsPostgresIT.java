package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.oncall.store.Database;
import io.tensorwasm.ops.testkit.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ContinuingRunsPostgresIT extends ContinuingRunsContract {

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
    Database database() {
        String url = postgres.createDatabase("continuing_" + DATABASES.incrementAndGet());
        return Database.open(url, postgres.user(), "");
    }
}
