package io.tensorwasm.ops.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tensorwasm.ops.runtime.function.FunctionCompiler;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The modules Chicory's compiler compiled while it is open, read from the compiler's DEBUG line
 * {@code compiled "NAME" in N ms}, so tests see when the runtime compiles without a hook in it.
 */
final class CompileLog implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger(FunctionCompiler.class);
    private final Level level = logger.getLevel();
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    CompileLog() {
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
    }

    /**
     * The names compiled so far, quoted as the compiler logs them, in order, once at least {@code
     * count} of them are in: the compiler runs in the background (issue #22). Waits a minute at
     * most, then returns what there is.
     */
    List<String> awaitNames(int count) throws InterruptedException {
        for (int i = 0; i < 6_000 && names().size() < count; i++) {
            Thread.sleep(10);
        }
        return names();
    }

    /** The names compiled so far, quoted as the compiler logs them, in order. */
    List<String> names() {
        List<ILoggingEvent> logged;
        // The compiler's thread appends under the appender's lock (AppenderBase.doAppend).
        synchronized (events) {
            logged = List.copyOf(events.list);
        }
        return logged.stream()
                .map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("compiled "))
                .map(m -> m.substring("compiled ".length(), m.lastIndexOf(" in ")))
                .toList();
    }

    @Override
    public void close() {
        logger.detachAppender(events);
        logger.setLevel(level);
    }
}
