package dev.pillarbox.smtp.codec;

import static dev.pillarbox.smtp.codec.Decoding.body;
import static dev.pillarbox.smtp.codec.Decoding.cmd;
import static dev.pillarbox.smtp.codec.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ServerDecoderDataTest {

    private static final ServerDecoder.Mode DATA = ServerDecoder.Mode.DATA;
    private static final CodecLimits LENIENT = CodecLimits.defaults().withLineEndings(LineEndingPolicy.LENIENT_BODY);

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void dataBodyAndQuitInOneBuffer(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\nSubject: hi\r\n\r\nHello\r\n.\r\nQUIT\r\n"))
                .containsExactly(cmd("DATA"), body("Subject: hi\r\n\r\nHello\r\n"), new EndOfBody(22), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void pipelinedTransactionThenBody(Feeder feeder) {
        assertThat(decode(feeder, "MAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nRCPT TO:<e@f>\r\nDATA\r\nx\r\n.\r\nRSET\r\n"))
                .containsExactly(cmd("MAIL FROM:<a@b>"), cmd("RCPT TO:<c@d>"), cmd("RCPT TO:<e@f>"), cmd("DATA"),
                        body("x\r\n"), new EndOfBody(3), cmd("RSET"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void emptyBodyEndsAtFirstDotLine(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), new EndOfBody(0), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void stuffedDotsAreRemoved(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\n..\r\n...x\r\n.y.\r\na.b\r\n..\r\n.\r\n"))
                .containsExactly(cmd("DATA"), body(".\r\n..x\r\ny.\r\na.b\r\n.\r\n"), new EndOfBody(20));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void twoMessagesBackToBack(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\none\r\n.\r\nDATA\r\ntwo\r\n.\r\n"))
                .containsExactly(cmd("DATA"), body("one\r\n"), new EndOfBody(5), cmd("DATA"), body("two\r\n"),
                        new EndOfBody(5));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bareLfInBodyIsReportedOnceThenDrained(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\nab\ncd\nef\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body("ab"), new BareLineEnding(DATA), new EndOfBody(2), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bareCrInBodyIsReportedOnceThenDrained(Feeder feeder) {
        assertThat(decode(feeder, "DATA\r\nab\rcd\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body("ab"), new BareLineEnding(DATA), new EndOfBody(2), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void lenientBodyPassesBareLineEndingsAsData(Feeder feeder) {
        assertThat(decode(feeder, LENIENT, "DATA\r\na\nb\rc\r\r\n.\n\r\n.\rx\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body("a\nb\rc\r\r\n\n\r\n\rx\r\n"), new EndOfBody(15), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void messageTooLargeIsReportedAfterLimitThenDrained(Feeder feeder) {
        CodecLimits limits = CodecLimits.defaults().withMaxMessageSize(10);
        assertThat(decode(feeder, limits, "DATA\r\n0123456789abcdef\r\nmore\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body("0123456789"), new MessageTooLarge(10), new EndOfBody(10),
                        cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void messageOfExactlyTheLimitIsAccepted(Feeder feeder) {
        CodecLimits limits = CodecLimits.defaults().withMaxMessageSize(10);
        assertThat(decode(feeder, limits, "DATA\r\n01234567\r\n.\r\n"))
                .containsExactly(cmd("DATA"), body("01234567\r\n"), new EndOfBody(10));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void longTextLineIsAcceptedByDefault(Feeder feeder) {
        String line = "y".repeat(5000);
        assertThat(decode(feeder, "DATA\r\n" + line + "\r\n.\r\n"))
                .containsExactly(cmd("DATA"), body(line + "\r\n"), new EndOfBody(5002));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void longTextLineIsRejectedOnceUnderRejectPolicy(Feeder feeder) {
        CodecLimits limits = CodecLimits.defaults().withLongLines(LongLinePolicy.REJECT).withTextLine(10);
        String ok = "12345678";
        assertThat(decode(feeder, limits, "DATA\r\n" + ok + "\r\n.23456789\r\n123456789\r\nxxxxxxxxxxxx\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body(ok + "\r\n23456789\r\n12345678"), new LineTooLong(DATA, 10),
                        new EndOfBody(28), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bareLineEndingsInLenientBodyCountTowardsTheLineLimit(Feeder feeder) {
        // found by the fuzz test: the overflow position was computed before the line's start
        CodecLimits limits = LENIENT.withLongLines(LongLinePolicy.REJECT).withTextLine(5);
        assertThat(decode(feeder, limits, "DATA\r\na\n\n\n\r\rbc\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("DATA"), body("a\n\n\n"), new LineTooLong(DATA, 5), new EndOfBody(4),
                        cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bdatPassesExactOctetsThenCommands(Feeder feeder) {
        assertThat(decode(feeder, "BDAT 5\r\nhelloBDAT 0 LAST\r\nQUIT\r\n"))
                .containsExactly(cmd("BDAT 5"), body("hello"), new EndOfChunk(5), cmd("BDAT 0 LAST"),
                        new EndOfChunk(0), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bdatDoesNotUnstuffOrLookForTerminators(Feeder feeder) {
        String chunk = "\r\n.\r\n..\n\u0000\r";
        assertThat(decode(feeder, "BDAT 10\r\n" + chunk + "BDAT 3 LAST\r\n.\r\nNOOP\r\n"))
                .containsExactly(cmd("BDAT 10"), body(chunk), new EndOfChunk(10), cmd("BDAT 3 LAST"),
                        body(".\r\n"), new EndOfChunk(3), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bdatChunksSplitAcrossReads(Feeder feeder) {
        String big = "z".repeat(3000);
        assertThat(decode(feeder, "BDAT 3000\r\n" + big, "BDAT 2 LAST\r\nokNOOP\r\n"))
                .containsExactly(cmd("BDAT 3000"), body(big), new EndOfChunk(3000), cmd("BDAT 2 LAST"), body("ok"),
                        new EndOfChunk(2), cmd("NOOP"));
    }

    @Test
    void bodyChunksShareTheInputBufferAndAreReadOnly() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        decoder.enterDataMode();
        byte[] bytes = "hello\r\nworld\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        BodyChunk chunk = (BodyChunk) decoder.decode(in);
        assertThat(chunk.data().isReadOnly()).isTrue();
        assertThat(chunk.length()).isEqualTo(14);
        bytes[0] = 'J';
        assertThat(chunk.data().get(0)).as("a slice, not a copy").isEqualTo((byte) 'J');
        assertThat(decoder.decode(in)).isEqualTo(new EndOfBody(14));
        assertThat(decoder.mode()).isEqualTo(ServerDecoder.Mode.COMMAND);
        assertThat(decoder.messageBytes()).isEqualTo(14);
    }

    @Test
    void largeBodyStreamsThroughWithFlatMemory() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults().withMaxMessageSize(Long.MAX_VALUE));
        decoder.enterDataMode();
        byte[] block = ("x".repeat(76) + "\r\n").repeat(800).getBytes(StandardCharsets.US_ASCII);
        int blocks = 1700; // about 100 MB
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long total = 0;
        for (int i = 0; i < blocks; i++) {
            ByteBuffer in = ByteBuffer.wrap(block);
            ServerInbound unit;
            while ((unit = decoder.decode(in)) != null) {
                total += ((BodyChunk) unit).length();
            }
            // everything fed so far has been handed back: the decoder keeps no body bytes between reads
            assertThat(total).isEqualTo((i + 1L) * block.length);
            assertThat(decoder.hasPartialInput()).isTrue();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertThat(decoder.decode(ByteBuffer.wrap(".\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(new EndOfBody(total));
        assertThat(total).isEqualTo((long) blocks * block.length);
        // slices, not copies: a few small objects per read, far below the 100 MB that went through
        assertThat(allocated).as("bytes allocated while decoding %d bytes", total).isLessThan(8L * 1024 * 1024);
    }
}
