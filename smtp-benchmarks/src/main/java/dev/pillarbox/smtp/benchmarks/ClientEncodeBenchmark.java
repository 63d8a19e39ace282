package dev.pillarbox.smtp.benchmarks;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.core.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The client's encode path for one message, as smtp-client's transactions use it: MAIL FROM (with SIZE), RCPT TO and
 * DATA command lines, then a 1 KiB mail-like body dot-stuffed and terminated. {@code intoBuffer} writes everything
 * into one reused buffer (what {@code SmtpClient} does); {@code arrays} uses the array-returning forms for comparison.
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is the garbage per message. One thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClientEncodeBenchmark {

    private final Command mail = Command.of("MAIL", "FROM:<load@client.example> SIZE=1024");
    private final Command rcpt = Command.of("RCPT", "TO:<sink@server.example>");
    private final Command data = Command.of("DATA", "");
    private final CommandEncoder encoder = new CommandEncoder(true);
    private final ByteBuffer out = ByteBuffer.allocate(8192);
    private ByteBuffer body;

    /** A 1 KiB body: 76-character lines, one in ten starting with a dot (stuffed). */
    @Setup
    public void setUp() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(1100);
        while (text.length() < 1024 - 80) {
            if (random.nextInt(10) == 0) {
                text.append('.');
            }
            for (int i = 0; i < 76; i++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            text.append("\r\n");
        }
        text.append("x".repeat(1024 - 2 - text.length())).append("\r\n");
        body = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Commands and stuffed body into one reused buffer: the client's path. Returns the wire length. */
    @Benchmark
    public int intoBuffer() {
        out.clear();
        encoder.encode(mail, out);
        encoder.encode(rcpt, out);
        encoder.encode(data, out);
        body.rewind();
        encoder.startBody();
        encoder.body(body, out);
        encoder.endBody(out);
        return out.position();
    }

    /** The same with the array-returning forms (a new array per command and per body piece). */
    @Benchmark
    public void arrays(Blackhole hole) {
        hole.consume(encoder.encode(mail));
        hole.consume(encoder.encode(rcpt));
        hole.consume(encoder.encode(data));
        body.rewind();
        encoder.startBody();
        hole.consume(encoder.body(body));
        hole.consume(encoder.endBody());
    }
}
