package dev.pillarbox.smtp.benchmarks;

import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.CommandLine;
import dev.pillarbox.smtp.codec.ServerDecoder;
import dev.pillarbox.smtp.codec.ServerInbound;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Command-line decoding throughput in lines per second: a realistic pipelined mix of EHLO, MAIL FROM with ESMTP
 * parameters and RCPT TO lines, decoded into {@link CommandLine}s (each with its String), against the same bytes
 * split by Netty's {@code LineBasedFrameDecoder} and turned into Strings. One thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CommandDecodeBenchmark {

    /** Lines per invocation. */
    static final int LINES = 1024;

    private static final String[] MIX = {
        "EHLO mail-relay.client.example.org",
        "MAIL FROM:<newsletter-bounces+user=example.com@lists.example.net> SIZE=48213 BODY=8BITMIME",
        "RCPT TO:<alice@example.com>",
        "RCPT TO:<bob.smith@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob.smith@example.com",
        "RCPT TO:<carol@example.com>",
        "NOOP",
        "RSET",
        "MAIL FROM:<> SIZE=1024",
    };

    private byte[] input;
    private ServerDecoder decoder;
    private NettyLineSplitter netty;
    private ByteBuf nettyInput;

    /** Builds the input once. */
    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            sb.append(MIX[i % MIX.length]).append("\r\n");
        }
        input = sb.toString().getBytes(StandardCharsets.US_ASCII);
        decoder = new ServerDecoder(CodecLimits.defaults());
        netty = new NettyLineSplitter(512);
        nettyInput = Unpooled.wrappedBuffer(input);
    }

    /** Pillarbox: decode every line into a CommandLine. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void pillarbox(Blackhole bh) {
        ByteBuffer in = ByteBuffer.wrap(input);
        ServerInbound unit;
        while ((unit = decoder.decode(in)) != null) {
            bh.consume(unit);
        }
    }

    /** Netty LineBasedFrameDecoder: split every line and decode it into a String. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public void nettyLineBasedFrameDecoder(Blackhole bh) throws Exception {
        ByteBuf in = nettyInput;
        in.readerIndex(0);
        Object frame;
        while ((frame = netty.next(in)) != null) {
            ByteBuf line = (ByteBuf) frame;
            bh.consume(line.toString(StandardCharsets.US_ASCII));
            line.release();
        }
    }
}
