package io.tensorwasm.ops.oncall.remediation;

import io.tensorwasm.ops.engine.model.Automation;
import io.tensorwasm.ops.engine.model.Mode;
import io.tensorwasm.ops.engine.model.RunStatus;
import io.tensorwasm.ops.engine.model.Runbook;
import io.tensorwasm.ops.engine.model.StepResult;
import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.engine.model.Trigger;
import io.tensorwasm.ops.engine.store.ExecutionRecord;
import io.tensorwasm.ops.engine.store.ExecutionStore;
import io.tensorwasm.ops.engine.store.ExecutionSummary;
import io.tensorwasm.ops.engine.store.HistoryQuery;
import io.tensorwasm.ops.oncall.store.Jdbc;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shadow runbooks and their promotion to auto (issue #19). A runbook on {@code automation: shadow}
 * runs in shadow when its alert fires; an approver may promote it once its last {@code shadow_runs}
 * (default 3) alert-triggered shadow runs ended clean, and from then on its alerts run it
 * automatically. The promotion is kept in {@code runbook_promotion}, its audit.
 *
 * <pre>{@code
 * ShadowRecord record = promotions.record(runbook);
 * promotions.promote(runbook, "abe", "three clean shadow runs on the last three alerts");
 * Runbook effective = promotions.effective(runbook);   // auto once promoted
 * }</pre>
 */
public final class Promotions {

    private static final Logger logger = LoggerFactory.getLogger(Promotions.class);

    private final Jdbc jdbc;
    private final ExecutionStore executions;
    private final Clock clock;

    /** Promotions in the console's database, shadow runs from the execution store. */
    public Promotions(DataSource dataSource, ExecutionStore executions, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "promotions");
        this.executions = executions;
        this.clock = clock;
    }

    /** The runbook's shadow runs, the clean ones in a row, and its promotion. */
    public ShadowRecord record(Runbook runbook) {
        int needed = runbook.metadata().guardrails().shadowRuns();
        List<ExecutionSummary> latest =
                executions
                        .history(
                                HistoryQuery.builder()
                                        .runbook(runbook.id())
                                        .mode(Mode.SHADOW)
                                        .trigger(Trigger.Source.ALERT)
                                        .limit(Math.max(needed, 10))
                                        .build())
                        .executions();
        List<ShadowRecord.Run> runs = new ArrayList<>();
        int inARow = 0;
        boolean broken = false;
        for (ExecutionSummary s : latest) {
            if (s.status() == RunStatus.RUNNING) {
                continue;
            }
            boolean clean = clean(s);
            runs.add(
                    new ShadowRecord.Run(
                            s.id(), s.started(), s.status().word(), clean, s.summary()));
            broken |= !clean;
            inARow += broken ? 0 : 1;
        }
        return new ShadowRecord(runbook.id(), needed, runs, inARow, promotion(runbook.id()));
    }

    private boolean clean(ExecutionSummary s) {
        if (s.status() != RunStatus.SUCCEEDED) {
            return false;
        }
        return executions.find(s.id()).map(ExecutionRecord::steps).orElse(List.of()).stream()
                .allMatch(
                        step ->
                                step.status() == StepResult.Status.PASSED
                                        || step.status() == StepResult.Status.SKIPPED);
    }

    /**
     * Promotes a shadow runbook to auto, by an approver; refused until its last shadow runs ended
     * clean.
     *
     * @throws IllegalStateException saying why it may not be promoted
     */
    public ShadowRecord.Promotion promote(Runbook runbook, String approver, String reason) {
        if (runbook.metadata().automation() != Automation.SHADOW) {
            throw new IllegalStateException(
                    runbook.id()
                            + " is on automation: "
                            + runbook.metadata().automation().word()
                            + "; only a shadow runbook is promoted");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("empty: a promotion says why");
        }
        ShadowRecord record = record(runbook);
        if (record.promotion().isPresent()) {
            throw new IllegalStateException(
                    runbook.id() + " was promoted already by " + record.promotion().get().by());
        }
        record.refusal()
                .ifPresent(
                        why -> {
                            throw new IllegalStateException(why);
                        });
        String evidence =
                record.runs().stream()
                        .limit(record.needed())
                        .map(r -> Long.toString(r.executionId()))
                        .collect(Collectors.joining(", ", "executions ", ""));
        ShadowRecord.Promotion promotion =
                new ShadowRecord.Promotion(
                        approver,
                        clock.instant(),
                        Texts.clip(reason.strip(), 2000),
                        runbook.contentHash(),
                        evidence);
        jdbc.update(
                "insert into runbook_promotion (runbook_id, content_hash, promoted_by, reason,"
                        + " evidence, promoted_at) values (?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setString(1, runbook.id());
                    s.setString(2, promotion.contentHash());
                    s.setString(3, Texts.clip(approver, 200));
                    s.setString(4, promotion.reason());
                    s.setString(5, Texts.clip(evidence, 500));
                    s.setTimestamp(6, Timestamp.from(promotion.at()));
                });
        logger.warn(
                "action=promote runbook={} from=shadow to=auto by={} evidence=\"{}\"",
                runbook.id(),
                approver,
                evidence);
        return promotion;
    }

    /** The promotion of a runbook, if an approver promoted it. */
    public Optional<ShadowRecord.Promotion> promotion(String runbookId) {
        List<ShadowRecord.Promotion> found =
                jdbc.query(
                        "select * from runbook_promotion where runbook_id = ? order by id desc",
                        s -> s.setString(1, runbookId),
                        Promotions::row);
        return found.stream().findFirst();
    }

    /** The runbook as alerts run it: a promoted shadow runbook runs as auto. */
    public Runbook effective(Runbook runbook) {
        if (runbook.metadata().automation() == Automation.SHADOW
                && promotion(runbook.id()).isPresent()) {
            return runbook.withMetadata(runbook.metadata().withAutomation(Automation.AUTO));
        }
        return runbook;
    }

    private static ShadowRecord.Promotion row(ResultSet rs) throws SQLException {
        return new ShadowRecord.Promotion(
                rs.getString("promoted_by"),
                rs.getTimestamp("promoted_at").toInstant(),
                rs.getString("reason"),
                rs.getString("content_hash"),
                rs.getString("evidence"));
    }
}
