package io.tensorwasm.ops.drills;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its clustered JDBC job store in the console's database: every console node runs one,
 * and Quartz's row locks let exactly one node fire each trigger; a node that dies has its triggers
 * taken over after a check-in interval. Schedules are cron expressions.
 *
 * <p>Misfire policy: fire once and proceed. A drill whose time passed while every node was down
 * (later than the 60 s misfire threshold) runs once when a node comes back, not once per missed
 * firing and not never; a run-now request waiting in the database runs as soon as a node is up.
 *
 * <pre>{@code
 * DrillScheduler scheduler = DrillScheduler.start(settings, dataSource, runner);
 * scheduler.runNow("paging");
 * }</pre>
 */
public final class DrillScheduler implements AutoCloseable {

    /** The cluster's name: the same on every node, or they would not share triggers. */
    static final String CLUSTER = "twops";

    private static final String GROUP = "drills";

    private final Scheduler scheduler;

    private DrillScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * How this node runs the scheduler.
     *
     * @param node this node's instance id, unique in the cluster
     * @param postgres whether the database is PostgreSQL (else H2)
     * @param checkin how often a node checks in; a node silent for longer is taken over
     * @param schedules cron expression per drill name
     */
    public record Settings(
            String node, boolean postgres, Duration checkin, Map<String, String> schedules) {}

    /** Starts the scheduler, creating or updating each drill's trigger. */
    public static DrillScheduler start(Settings settings, DataSource dataSource, DrillRunner runner)
            throws SchedulerException {
        Scheduler scheduler = create(settings.node(), settings, dataSource);
        scheduler.setJobFactory((bundle, s) -> new DrillJob(runner));
        runner.recoverAbandoned();
        DrillScheduler drills = new DrillScheduler(scheduler);
        for (Map.Entry<String, String> schedule : settings.schedules().entrySet()) {
            drills.schedule(schedule.getKey(), schedule.getValue());
        }
        scheduler.start();
        return drills;
    }

    /**
     * A scheduler that joins the cluster's tables without running jobs: the command line uses it to
     * queue a run-now request that a running node picks up, and to read schedules.
     */
    public static DrillScheduler client(String name, boolean postgres, DataSource dataSource)
            throws SchedulerException {
        return new DrillScheduler(
                create(
                        name,
                        new Settings(name, postgres, Duration.ofSeconds(60), Map.of()),
                        dataSource));
    }

    private static Scheduler create(String node, Settings settings, DataSource dataSource)
            throws SchedulerException {
        String source = "console-" + UUID.randomUUID();
        DBConnectionManager.getInstance()
                .addConnectionProvider(source, new QuartzConnections(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
        p.setProperty("org.quartz.scheduler.instanceId", node);
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        // One thread per drill: a paging drill waiting minutes for its acknowledgement must not
        // hold up the smoke test.
        p.setProperty("org.quartz.threadPool.threadCount", "3");
        p.setProperty("org.quartz.jobStore.class", JobStoreTX.class.getName());
        p.setProperty(
                "org.quartz.jobStore.driverDelegateClass",
                settings.postgres()
                        ? PostgreSQLDelegate.class.getName()
                        : StdJDBCDelegate.class.getName());
        p.setProperty("org.quartz.jobStore.dataSource", source);
        p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty(
                "org.quartz.jobStore.clusterCheckinInterval",
                Long.toString(settings.checkin().toMillis()));
        p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
        p.setProperty("org.quartz.jobStore.useProperties", "true");
        p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
        Scheduler scheduler = new StdSchedulerFactory(p).getScheduler();
        // Quartz keeps schedulers in a JVM-wide registry by cluster name and would hand this one
        // out again; every node (and the command line) needs its own, so take it out.
        SchedulerRepository.getInstance().remove(CLUSTER);
        return scheduler;
    }

    /**
     * Creates the drill's job and cron trigger, updates the trigger if the cron changed, or removes
     * it for {@code off}; the job stays, so run-now works either way.
     */
    void schedule(String drill, String cron) throws SchedulerException {
        JobKey job = JobKey.jobKey(drill, GROUP);
        TriggerKey key = TriggerKey.triggerKey(drill, GROUP);
        Trigger existing = scheduler.getTrigger(key);
        if (existing instanceof CronTrigger current && current.getCronExpression().equals(cron)) {
            return;
        }
        JobDetail detail =
                JobBuilder.newJob(DrillJob.class)
                        .withIdentity(job)
                        .storeDurably()
                        .withDescription("readiness drill " + drill)
                        .build();
        if (cron.equals(DrillSettings.OFF)) {
            scheduler.addJob(detail, true);
            if (existing != null) {
                scheduler.unscheduleJob(key);
            }
            return;
        }
        Trigger trigger =
                TriggerBuilder.newTrigger()
                        .withIdentity(key)
                        .forJob(job)
                        .withSchedule(
                                CronScheduleBuilder.cronSchedule(cron)
                                        .withMisfireHandlingInstructionFireAndProceed())
                        .build();
        scheduler.addJob(detail, true);
        if (existing == null) {
            try {
                scheduler.scheduleJob(trigger);
                return;
            } catch (ObjectAlreadyExistsException racedWithAnotherNode) {
                // Two nodes started together and the other stored the trigger first: update it.
            }
        }
        scheduler.rescheduleJob(key, trigger);
    }

    /**
     * Runs a drill now, on whichever node picks it up; returns the run-now id. The request is a row
     * in the cluster's tables, so it waits there if no node is running.
     */
    public String runNow(String drill) throws SchedulerException {
        if (!scheduler.checkExists(JobKey.jobKey(drill, GROUP))) {
            throw new IllegalArgumentException(
                    drill
                            + ": no such drill in this cluster; drills are "
                            + String.join(", ", drills()));
        }
        String id = UUID.randomUUID().toString();
        scheduler.triggerJob(
                JobKey.jobKey(drill, GROUP), new JobDataMap(Map.of(DrillJob.MANUAL_ID, id)));
        return id;
    }

    /** The drills the cluster knows, by name. */
    public List<String> drills() throws SchedulerException {
        return scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP)).stream()
                .map(JobKey::getName)
                .sorted()
                .toList();
    }

    /** The drill's cron expression, or {@code off}. */
    public String cron(String drill) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(drill, GROUP));
        return trigger instanceof CronTrigger cron ? cron.getCronExpression() : DrillSettings.OFF;
    }

    /** The next time the drill is due, for the drills page. */
    public Optional<Instant> nextRun(String drill) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(drill, GROUP));
        return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    }

    /**
     * Stops this node's scheduler: running drills are interrupted, record themselves as such and
     * stop what they started (a rehearsal's scratch runtime), and the call waits for them.
     */
    @Override
    public void close() throws SchedulerException {
        for (JobExecutionContext running : scheduler.getCurrentlyExecutingJobs()) {
            scheduler.interrupt(running.getFireInstanceId());
        }
        scheduler.shutdown(true);
    }
}
