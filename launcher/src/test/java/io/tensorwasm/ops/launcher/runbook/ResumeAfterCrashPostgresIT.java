package io.tensorwasm.ops.launcher.runbook;

import io.tensorwasm.ops.testkit.PostgresServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ResumeAfterCrashPostgresIT extends ResumeAfterCrashContract {

    private static PostgresServer postgres;
    private String url;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    List<String> database() {
        if (url == null) {
            url = postgres.createDatabase("crash_" + System.nanoTime());
        }
        return List.of(url, postgres.user(), "");
    }
}
