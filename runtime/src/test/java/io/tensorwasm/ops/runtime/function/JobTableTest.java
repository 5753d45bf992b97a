package io.tensorwasm.ops.runtime.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JobTableTest {

    private final JobTable jobs = new JobTable(2, TestFunctions.metrics());

    @Test
    void movesFromPendingToSucceeded() {
        Job job = jobs.create("fn_1", "7", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(job.id()).matches("job_[0-9a-f]{20}");
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.PENDING);
        jobs.running(job.id());
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.RUNNING);
        jobs.finish(job.id(), new InvocationResult("add", List.of(5), 1), null);
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(jobs.get(job.id()).result().values()).containsExactly(5);
    }

    @Test
    void keepsTheFirstOutcome() {
        Job job = jobs.create("fn_1", "7", "4bf92f3577b34da6a3ce929d0e0e4736");
        jobs.finish(job.id(), null, new FunctionTimeoutException("late"));
        jobs.finish(job.id(), new InvocationResult("run", List.of(0), 1), null);
        assertThat(jobs.get(job.id()).status()).isEqualTo(JobStatus.FAILED);
        assertThat(jobs.get(job.id()).error()).hasMessage("late");
    }

    @Test
    void forgetsTheOldestFinishedJobs() {
        Job first = jobs.create("fn_1", "7", "4bf92f3577b34da6a3ce929d0e0e4736");
        Job running = jobs.create("fn_1", "7", "4bf92f3577b34da6a3ce929d0e0e4736");
        jobs.running(running.id());
        for (int i = 0; i < 3; i++) {
            Job job = i == 0 ? first : jobs.create("fn_1", "7", "4bf92f3577b34da6a3ce929d0e0e4736");
            jobs.finish(job.id(), new InvocationResult("run", List.of(i), 1), null);
        }
        assertThatThrownBy(() -> jobs.get(first.id()))
                .isInstanceOf(UnknownFunctionException.class)
                .hasMessage(first.id() + ": no job with this id");
        assertThat(jobs.get(running.id()).status()).isEqualTo(JobStatus.RUNNING);
    }
}
