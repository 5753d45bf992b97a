package io.tensorwasm.ops.engine.store;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class ExecutionStoreH2Test extends ExecutionStoreContract {

    @TempDir Path dir;

    @Override
    ExecutionStore openStore() {
        return JdbcExecutionStore.open(
                "jdbc:h2:file:" + dir.resolve("engine"), "", "", Duration.ofSeconds(2));
    }

    @Override
    ExecutionStore openSecondNode() {
        return openStore();
    }
}
