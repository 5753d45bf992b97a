package io.tensorwasm.ops.engine.store;

import io.tensorwasm.ops.engine.exec.ExecutionListener;
import io.tensorwasm.ops.engine.exec.Executor;
import io.tensorwasm.ops.engine.exec.RunContext;
import io.tensorwasm.ops.engine.exec.RunRequest;
import io.tensorwasm.ops.engine.exec.ScriptedApprovals;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.Step;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.parse.Catalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A separate JVM for {@link CrashRecoveryIT}: runs a runbook from a file against a store and says
 * on stdout when each step is recorded, so the test can kill it mid-run.
 */
final class CrashingRun {

    private CrashingRun() {}

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        Runbook runbook = Catalog.parse(file, Files.readString(file)).get(0);
        ExecutionListener say =
                new ExecutionListener() {
                    @Override
                    public void stepFinished(Runbook r, Step step, StepResult result) {
                        System.out.println("STEP " + step.number() + " DONE");
                        System.out.flush();
                    }
                };
        try (ExecutionStore store = JdbcExecutionStore.open(args[0], "", "")) {
            RunContext context =
                    RunContext.builder()
                            .store(store)
                            .approvals(new ScriptedApprovals("ci"))
                            .listener(say)
                            .heartbeatEvery(Duration.ofMillis(200))
                            .build();
            new Executor(context).run(runbook, RunRequest.interactive("ci"));
        }
    }
}
