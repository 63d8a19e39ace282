package dev.pillarbox.smtp.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.EngineProcess;
import dev.pillarbox.smtp.testing.SmtpSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The load generator against Postfix's smtp-sink; every run is bounded in messages and time. */
@Timeout(120)
class LoadGeneratorTest {

    @TempDir
    static Path dir;
    private static SmtpSink sink;

    @BeforeAll
    static void start() throws Exception {
        sink = SmtpSink.start(dir);
    }

    @AfterAll
    static void stop() {
        if (sink != null) {
            sink.close();
        }
    }

    private static LoadSettings.Builder load(SmtpSink peer) {
        return LoadSettings.builder("127.0.0.1", peer.port()).progressInterval(Duration.ofMillis(50));
    }

    @Test
    void sessionsShareTheMessagesOverReusedPipelinedConnections() throws Exception {
        List<Progress> progress = Collections.synchronizedList(new ArrayList<>());
        LoadResult result = LoadGenerator.run(load(sink).sessions(4).messages(2000).messageSize(1024).build(),
                progress::add);
        assertThat(result.accepted()).isEqualTo(2000);
        assertThat(result.failed()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.connections()).isEqualTo(4);
        assertThat(result.messagesPerSecond()).isPositive();
        LatencySummary latency = result.latency();
        assertThat(latency.count()).isEqualTo(2000);
        assertThat(latency.p50()).isPositive().isLessThanOrEqualTo(latency.p90());
        assertThat(latency.p90()).isLessThanOrEqualTo(latency.p99());
        assertThat(latency.p99()).isLessThanOrEqualTo(latency.max());
        assertThat(progress).isNotEmpty();
        Progress last = progress.get(progress.size() - 1);
        assertThat(last.done()).isEqualTo(2000);
        assertThat(last.sessionsOpen()).isZero();
        assertThat(result.summary()).startsWith("2,000 messages in ").contains("2,000 accepted, 0 failed; 4 connections")
                .contains("latency per message: p50 ");
    }

    @Test
    void aConnectionPerMessageOnPlatformThreadsWithoutPipelining() throws Exception {
        LoadResult result = LoadGenerator.run(load(sink).sessions(3).messages(60).reuseConnections(false)
                .pipelining(false).threads(ThreadKind.PLATFORM).build(), ProgressListener.NONE);
        assertThat(result.accepted()).isEqualTo(60);
        assertThat(result.connections()).isEqualTo(60);
        assertThat(result.latency().count()).isEqualTo(60);
    }

    @Test
    void refusalsAreCountedByReplyCode() throws Exception {
        try (SmtpSink refusing = SmtpSink.start(dir, "-r", "RCPT")) {
            LoadResult result = LoadGenerator.run(load(refusing).sessions(2).messages(100).build(),
                    ProgressListener.NONE);
            assertThat(result.accepted()).isZero();
            assertThat(result.failed()).isEqualTo(100);
            assertThat(result.errors()).isEqualTo(Map.of("450", 100L));
            assertThat(result.summary()).contains("errors: 450 x 100");
        }
    }

    @Test
    void lostConnectionsAreCountedByException() throws Exception {
        try (SmtpSink hangingUp = SmtpSink.start(dir, "-q", "RCPT")) {
            LoadResult result = LoadGenerator.run(load(hangingUp).sessions(2).messages(10).build(),
                    ProgressListener.NONE);
            assertThat(result.accepted()).isZero();
            assertThat(result.failed()).isEqualTo(10);
            assertThat(result.errors()).containsOnlyKeys("SmtpConnectionClosedException");
        }
        int nobody = EngineProcess.freePort();
        LoadResult dead = LoadGenerator.run(LoadSettings.builder("127.0.0.1", nobody).messages(3).build(),
                ProgressListener.NONE);
        assertThat(dead.failed()).isEqualTo(3);
        assertThat(dead.errors()).isEqualTo(Map.of("SmtpClientException", 3L));
    }

    @Test
    void lmtpAndSeveralRecipients() throws Exception {
        try (SmtpSink lmtp = SmtpSink.start(dir, "-L")) {
            LoadResult result = LoadGenerator.run(load(lmtp).lmtp(true).recipientsPerMessage(3).sessions(2)
                    .messages(50).build(), ProgressListener.NONE);
            assertThat(result.accepted()).isEqualTo(50);
        }
    }

    @Test
    void aTimeLimitEndsTheRunEarly() throws Exception {
        long start = System.nanoTime();
        LoadResult result = LoadGenerator.run(load(sink).sessions(2).messages(1_000_000_000L)
                .timeLimit(Duration.ofMillis(300)).build(), ProgressListener.NONE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(result.accepted()).isPositive().isLessThan(1_000_000_000L);
        assertThat(result.failed()).isZero();
    }

    @Test
    void theMessageHasTheChosenPayloadSize() {
        for (int size : new int[] {0, 1, 2, 3, 80, 81, 1024, 100_000}) {
            byte[] content = LoadMessage.content("a@example.org", "b@example.net", size);
            String text = new String(content, StandardCharsets.US_ASCII);
            int body = text.indexOf("\r\n\r\n") + 4;
            assertThat(content.length - body).as("payload of %d", size).isEqualTo(size);
            assertThat(text.substring(body).lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(78));
        }
    }

    @Test
    void aMessageTheServerCannotTakeEndsTheRunAtOnce() throws Exception {
        try (SmtpSink plain = SmtpSink.start(dir, "-e")) { // no ESMTP: no SMTPUTF8 for a UTF-8 sender
            LoadResult result = LoadGenerator.run(load(plain).sender("jürgen@example.org").sessions(2)
                    .messages(1000).build(), ProgressListener.NONE);
            assertThat(result.accepted()).isZero();
            assertThat(result.failed()).isBetween(1L, 2L);
            assertThat(result.errors()).containsOnlyKeys("ExtensionNotOfferedException");
        }
    }
}
