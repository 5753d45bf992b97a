package io.tensorwasm.ops.runtime.store;

import io.tensorwasm.ops.testkit.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class FunctionStorePostgresIT extends FunctionStoreContract {

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
    Database open() {
        String url = postgres.createDatabase("registry_" + DATABASES.incrementAndGet());
        return Database.open(url, postgres.user(), "");
    }
}
