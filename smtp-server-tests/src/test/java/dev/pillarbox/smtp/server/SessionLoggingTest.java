package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import dev.pillarbox.smtp.testing.SmtpTestServer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Logging contract of the connection loop: every line a session's thread logs carries that session's id in the
 * MDC key {@code session}, and message bodies (and the envelope's text beyond what the transaction log shows)
 * never reach a log line, even at TRACE.
 */
class SessionLoggingTest {

    private static final String BODY_MARKER = "confidential-body-text-4711";

    /** Captures the MDC on the logging thread, where it is set (a plain ListAppender reads it lazily). */
    private static final class MdcCapturingAppender extends ListAppender<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    }

    private final MdcCapturingAppender appender = new MdcCapturingAppender();
    private Logger logger;
    private Level level;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("dev.pillarbox.smtp.server");
        level = logger.getLevel();
        logger.setLevel(Level.TRACE); // the suite's logback-test.xml keeps the root at WARN
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(level);
    }

    @Test
    void everySessionLineCarriesItsSessionIdAndNoBodyIsLogged() throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        ConnectHook recordId = new ConnectHook() {
            @Override
            public int order() {
                return 0;
            }

            @Override
            public HookResult onConnect(SessionView session) {
                ids.add(session.id());
                return HookResult.next();
            }
        };
        try (SmtpTestServer server = SmtpTestServer.start(PluginWiringTest.hookModule(ConnectHook.class, recordId))) {
            for (int i = 0; i < 2; i++) {
                try (SmtpTestClient client = server.inTransaction()) {
                    assertThat(client.data("Subject: " + BODY_MARKER + "\r\n\r\n" + BODY_MARKER + "\r\n")
                            .code().value()).isEqualTo(250);
                    client.command("XNOSUCH " + BODY_MARKER);
                    client.command("QUIT");
                    assertThat(client.awaitClose()).isTrue();
                }
                awaitCloseLine(i + 1);
            }
        }
        assertThat(ids).hasSize(2).doesNotHaveDuplicates();

        List<ILoggingEvent> sessionEvents = appender.list.stream()
                .filter(e -> e.getThreadName().startsWith("smtp-")).toList();
        for (String id : ids) {
            List<ILoggingEvent> ofSession = sessionEvents.stream()
                    .filter(e -> e.getThreadName().startsWith("smtp-" + id + " ")).toList();
            assertThat(ofSession).as("lines of session %s", id)
                    .extracting(ILoggingEvent::getFormattedMessage).anyMatch(m -> m.startsWith("closed "));
            assertThat(ofSession).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("session", id));
        }
        assertThat(appender.list).allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(BODY_MARKER);
            assertThat(Arrays.deepToString(event.getArgumentArray())).doesNotContain(BODY_MARKER);
        });
    }

    private void awaitCloseLine(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (closeLines() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no close line for connection " + count + ": " + appender.list);
            }
            Thread.sleep(10);
        }
    }

    private long closeLines() {
        return List.copyOf(appender.list).stream().filter(e -> e.getFormattedMessage().startsWith("closed ")).count();
    }
}
