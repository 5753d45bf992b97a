package io.tensorwasm.ops.web.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
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
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz with its clustered JDBC job store in the console's database: every console node runs one,
 * and Quartz's row locks let exactly one node fire each trigger; a node that dies has its triggers
 * taken over after a check-in interval. Schedules are cron expressions.
 *
 * <p>Misfire policy: fire once and proceed. A drill whose time passed while every node was down
 * runs once when a node comes back, not once per missed firing and not never.
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
        String source = "console-" + UUID.randomUUID();
        DBConnectionManager.getInstance()
                .addConnectionProvider(source, new QuartzConnections(dataSource));
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", CLUSTER);
        p.setProperty("org.quartz.scheduler.instanceId", settings.node());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", "2");
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
        scheduler.setJobFactory((bundle, s) -> new DrillJob(runner));
        runner.recoverAbandoned();
        DrillScheduler drills = new DrillScheduler(scheduler);
        for (Map.Entry<String, String> schedule : settings.schedules().entrySet()) {
            drills.schedule(schedule.getKey(), schedule.getValue());
        }
        scheduler.start();
        return drills;
    }

    /** Creates the drill's job and cron trigger, or updates the trigger if the cron changed. */
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
            scheduler.scheduleJob(trigger);
        } else {
            scheduler.rescheduleJob(key, trigger);
        }
    }

    /** Runs a drill now, on whichever node picks it up; returns the run-now id. */
    public String runNow(String drill) throws SchedulerException {
        String id = UUID.randomUUID().toString();
        scheduler.triggerJob(
                JobKey.jobKey(drill, GROUP), new JobDataMap(Map.of(DrillJob.MANUAL_ID, id)));
        return id;
    }

    /** The next time the drill is due, for the drills page. */
    public Optional<Instant> nextRun(String drill) throws SchedulerException {
        Trigger trigger = scheduler.getTrigger(TriggerKey.triggerKey(drill, GROUP));
        return Optional.ofNullable(trigger).map(Trigger::getNextFireTime).map(Date::toInstant);
    }

    /** Stops this node's scheduler; running drills are left to finish or be recovered. */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(false);
    }
}
