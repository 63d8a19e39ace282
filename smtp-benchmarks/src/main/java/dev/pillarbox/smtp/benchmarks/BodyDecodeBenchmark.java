package dev.pillarbox.smtp.benchmarks;

import dev.pillarbox.smtp.codec.BodyChunk;
import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.DotStuffer;
import dev.pillarbox.smtp.codec.EndOfBody;
import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * DATA body decoding: dot-unstuffing, end-of-data detection and the bare CR/LF check together, for messages of
 * 1 KB, 100 KB and 10 MB (mail-like text: 76-character lines, a few lines starting with a dot), each fed as one
 * buffer. The score is messages per second; bytes per second = score x {@code size} (the README does the sum).
 * Compared with Netty's {@code LineBasedFrameDecoder} splitting the same bytes into lines (which does no
 * unstuffing and no end-of-data detection). One thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BodyDecodeBenchmark {

    /** Approximate body size in bytes before stuffing. */
    @Param({"1024", "102400", "10485760"})
    public int size;

    private byte[] wire;
    private ServerDecoder decoder;
    private NettyLineSplitter netty;
    private ByteBuf nettyInput;

    /** Builds a stuffed message body with its terminator. */
    @Setup
    public void setUp() {
        Random random = new Random(42);
        StringBuilder body = new StringBuilder(size + 100);
        while (body.length() < size) {
            if (random.nextInt(50) == 0) {
                body.append('.'); // gets stuffed
            }
            for (int i = 0; i < 76; i++) {
                body.append((char) ('!' + random.nextInt(94)));
            }
            body.append("\r\n");
        }
        wire = DotStuffer.stuffWhole(body.toString().getBytes(StandardCharsets.US_ASCII), false);
        decoder = new ServerDecoder(CodecLimits.defaults().withMaxMessageSize(Long.MAX_VALUE));
        netty = new NettyLineSplitter(1000);
        nettyInput = Unpooled.wrappedBuffer(wire);
    }

    /** Pillarbox ServerDecoder in DATA mode. */
    @Benchmark
    public long pillarbox(Blackhole bh) {
        decoder.enterDataMode();
        ByteBuffer in = ByteBuffer.wrap(wire);
        ServerInbound unit;
        while ((unit = decoder.decode(in)) != null) {
            if (unit instanceof BodyChunk) {
                bh.consume(((BodyChunk) unit).data());
            } else if (unit instanceof EndOfBody) {
                return ((EndOfBody) unit).size();
            }
        }
        throw new IllegalStateException("no end of body");
    }

    /** Netty LineBasedFrameDecoder splitting the same bytes into line slices. */
    @Benchmark
    public void nettyLineBasedFrameDecoder(Blackhole bh) throws Exception {
        ByteBuf in = nettyInput;
        in.readerIndex(0);
        Object frame;
        while ((frame = netty.next(in)) != null) {
            bh.consume(frame);
            ((ByteBuf) frame).release();
        }
    }
}
