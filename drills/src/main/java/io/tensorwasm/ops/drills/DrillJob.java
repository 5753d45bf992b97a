package io.tensorwasm.ops.drills;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.InterruptableJob;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job behind every drill. Its fire key is the drill and the scheduled fire time,
 * identical on every node, or the id of a run-now request.
 */
@DisallowConcurrentExecution
final class DrillJob implements InterruptableJob {

    /** Job data key of a run-now request's id. */
    static final String MANUAL_ID = "manual_id";

    private static final Logger logger = LoggerFactory.getLogger(DrillJob.class);

    private final DrillRunner runner;
    private volatile Thread worker;

    DrillJob(DrillRunner runner) {
        this.runner = runner;
    }

    /** Stops a drill that waits or runs when its node shuts down; its run is marked interrupted. */
    @Override
    public void interrupt() {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String drill = context.getJobDetail().getKey().getName();
        String manual = context.getMergedJobDataMap().getString(MANUAL_ID);
        String fireKey =
                manual != null
                        ? "manual:" + manual
                        : drill + "@" + context.getScheduledFireTime().toInstant();
        worker = Thread.currentThread();
        try {
            runner.run(drill, fireKey, manual != null ? "manual" : "schedule");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            logger.warn("drill={} interrupted by scheduler shutdown", drill);
        } catch (RuntimeException e) {
            // The scheduler's boundary: a broken drill must not take the scheduler thread down.
            logger.error("drill={} fire_key={} could not be recorded", drill, fireKey, e);
            throw new JobExecutionException(e, false);
        } finally {
            worker = null;
        }
    }
}
