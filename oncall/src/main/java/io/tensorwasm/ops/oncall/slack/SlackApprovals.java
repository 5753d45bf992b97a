package io.tensorwasm.ops.oncall.slack;

import io.tensorwasm.ops.engine.model.Texts;
import io.tensorwasm.ops.oncall.paging.PageChannel;
import io.tensorwasm.ops.oncall.paging.SlackChannel;
import io.tensorwasm.ops.oncall.run.LiveRun;
import io.tensorwasm.ops.oncall.run.Question;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every step a run waits to have approved to a Slack channel, with Approve and Reject buttons
 * (issue #20). Posting happens on a thread of its own, so a slow Slack never holds a run.
 */
public final class SlackApprovals implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(SlackApprovals.class);

    private final SlackChannel channel;
    private final URI console;
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "slack-approvals");
                        t.setDaemon(true);
                        return t;
                    });

    /** Approval requests to the channel, linking executions under the console's URL. */
    public SlackApprovals(SlackChannel channel, URI console) {
        this.channel = channel;
        this.console = console;
    }

    /** Called with each question a run asks; only reviews ask for an approval. */
    public void asked(LiveRun run, Question question) {
        if (question.kind() != Question.Kind.REVIEW) {
            return;
        }
        long execution = run.executionId();
        String text =
                "step " + question.step() + " of execution " + execution + ": " + question.action();
        URI link = URI.create(Texts.base(console) + "/executions/" + execution);
        sender.execute(
                () -> {
                    PageChannel.Delivery delivery =
                            channel.requestApproval(execution, question.number(), text, link);
                    logger.info(
                            "action=slack_approval_request execution={} question={} delivered={}",
                            execution,
                            question.number(),
                            delivery.accepted());
                });
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
