package io.tensorwasm.ops.web.incidents;

import io.tensorwasm.ops.oncall.store.Database;
import java.util.UUID;

class ContinuingRunsH2IT extends ContinuingRunsContract {

    @Override
    Database database() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
