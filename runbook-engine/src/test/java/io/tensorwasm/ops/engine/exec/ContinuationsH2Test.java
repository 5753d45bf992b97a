package io.tensorwasm.ops.engine.exec;

import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.JdbcExecutionStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class ContinuationsH2Test extends ContinuationsContract {

    @TempDir Path dir;

    @Override
    ExecutionStore openStore() {
        return JdbcExecutionStore.open("jdbc:h2:file:" + dir.resolve("engine"), "", "");
    }
}
