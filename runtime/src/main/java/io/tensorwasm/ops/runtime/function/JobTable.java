package io.tensorwasm.ops.runtime.function;

import io.tensorwasm.ops.runtime.metrics.RuntimeMetrics;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Async jobs in memory, newest last. Finished jobs beyond the retention count are forgotten, oldest
 * first; jobs do not survive a restart (docs/API.md says so).
 */
public final class JobTable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final int retainFinished;
    private final RuntimeMetrics metrics;

    public JobTable(int retainFinished, RuntimeMetrics metrics) {
        this.retainFinished = retainFinished;
        this.metrics = metrics;
    }

    /** Records a new pending job, submitted by the request with the trace id. */
    public synchronized Job create(String functionId, String tenant, String traceId) {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        Job job =
                new Job(
                        "job_" + HexFormat.of().formatHex(bytes),
                        functionId,
                        tenant,
                        JobStatus.PENDING,
                        null,
                        null,
                        Instant.now(),
                        traceId);
        jobs.put(job.id(), job);
        metrics.jobAccepted();
        return job;
    }

    /** The job with the id. */
    public synchronized Job get(String id) {
        Job job = jobs.get(id);
        if (job == null) {
            throw new UnknownFunctionException(id + ": no job with this id");
        }
        return job;
    }

    /** Marks the job running. */
    public synchronized void running(String id) {
        Job job = jobs.get(id);
        if (job != null && job.status() == JobStatus.PENDING) {
            jobs.put(id, job.with(JobStatus.RUNNING, null, null));
        }
    }

    /** Marks the job finished with a result or a failure. */
    public synchronized void finish(String id, InvocationResult result, FunctionException error) {
        Job job = jobs.get(id);
        if (job == null || job.status().done()) {
            return;
        }
        jobs.put(
                id,
                job.with(error == null ? JobStatus.SUCCEEDED : JobStatus.FAILED, result, error));
        metrics.jobEnded();
        forgetOldFinished();
    }

    private void forgetOldFinished() {
        long finished = jobs.values().stream().filter(j -> j.status().done()).count();
        Iterator<Job> oldest = jobs.values().iterator();
        while (finished > retainFinished && oldest.hasNext()) {
            if (oldest.next().status().done()) {
                oldest.remove();
                finished--;
            }
        }
    }
}
