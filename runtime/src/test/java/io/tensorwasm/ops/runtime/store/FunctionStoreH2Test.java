package io.tensorwasm.ops.runtime.store;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FunctionStoreH2Test extends FunctionStoreContract {

    @TempDir Path dataDir;

    @Override
    Database open() {
        return Database.open(Database.h2Url(dataDir), "", "");
    }
}
