package io.tensorwasm.ops.launcher.runbook;

import java.util.List;

class ResumeAfterCrashH2IT extends ResumeAfterCrashContract {

    @Override
    List<String> database() {
        return List.of("jdbc:h2:file:" + dir.resolve("engine") + ";AUTO_SERVER=TRUE", "sa", "");
    }
}
