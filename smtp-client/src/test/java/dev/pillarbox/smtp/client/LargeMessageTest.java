package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.testing.SmtpSink;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 1 GiB message, generated as it is read, goes through the client to smtp-sink (which discards it) in bounded
 * memory: dot-stuffing by the codec into the client's fixed buffers, so the sending thread allocates a few kilobytes,
 * not a gigabyte. Measured with the JVM's per-thread allocation counter.
 */
class LargeMessageTest {

    private static final long ONE_GIB = 1L << 30;
    /** Lines of 78 characters, every tenth starting with a dot, so that stuffing has work to do. */
    private static final String TEXT = ("x".repeat(76) + "\r\n").repeat(9) + "." + "y".repeat(75) + "\r\n";

    @TempDir
    static Path dir;

    @Test
    @Timeout(300)
    void aGigabyteIsSentInBoundedMemory() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (SmtpSink sink = SmtpSink.start(dir);
             SmtpClient client = SmtpClient.connect("127.0.0.1", sink.port(), ClientSettings.builder()
                     .heloName("client.example").timeouts(Timeouts.all(Duration.ofSeconds(60))).build())) {
            Envelope envelope = Envelope.of("a@example.org", "b@example.net");
            // a first, small message allocates the buffers and the JDK's socket buffers once
            client.send(envelope, MessageBody.of(new RepeatingInputStream(TEXT, 1 << 20), -1));
            long before = threads.getThreadAllocatedBytes(thread);
            long start = System.nanoTime();
            SendResult result = client.send(envelope, MessageBody.of(new RepeatingInputStream(TEXT, ONE_GIB), ONE_GIB));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            long allocated = threads.getThreadAllocatedBytes(thread) - before;
            assertThat(result.acceptedByAll()).isTrue();
            assertThat(allocated).as("bytes allocated while sending 1 GiB (%d s)", seconds).isLessThan(1 << 20);
        }
    }
}
