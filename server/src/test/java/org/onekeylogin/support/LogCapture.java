package org.onekeylogin.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Everything the service logs while a test runs, from every thread (requests are served
 * on the server's threads, not the test's): an appender on the root logger, so Jetty,
 * Spring and the service's own loggers all count. What is captured is what the running
 * configuration would write, since loggers below their level never reach an appender.
 */
public final class LogCapture implements AutoCloseable {

    /** One captured log event, as it would be written. */
    public record Line(Level level, String logger, String message, boolean hasStackTrace) {

        /** How many lines this event takes in a log file. */
        public int lineCount() {
            return (int) message.lines().count() + (hasStackTrace ? 1 : 0);
        }

        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (hasStackTrace ? " [with stack trace]" : "");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private final Appender appender = new Appender();

    private final Logger root;

    private LogCapture() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        appender.setContext(context);
        appender.setName("test-capture");
        appender.start();
        root.addAppender(appender);
    }

    /** Starts capturing; close to stop. */
    public static LogCapture start() {
        return new LogCapture();
    }

    public void clear() {
        lines.clear();
    }

    /** What was captured so far. */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Captured events at {@code level} or above. */
    public List<Line> atOrAbove(Level level) {
        return lines.stream().filter(line -> line.level().isGreaterOrEqual(level)).toList();
    }

    /**
     * Waits up to {@code window} for a server thread that finished the response to finish
     * logging too: returns early as soon as {@code enough} holds (the outcome is
     * decided), otherwise once the window has passed.
     */
    public void settle(Duration window, Predicate<List<Line>> enough) {
        long deadline = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < deadline && !enough.test(lines())) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }

    private final class Appender extends AppenderBase<ILoggingEvent> {

        @Override
        protected void append(ILoggingEvent event) {
            lines.add(new Line(event.getLevel(), event.getLoggerName(), String.valueOf(event.getFormattedMessage()),
                    event.getThrowableProxy() != null));
        }

    }

}
