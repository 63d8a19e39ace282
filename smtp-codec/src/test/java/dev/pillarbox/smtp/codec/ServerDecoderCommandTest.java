package dev.pillarbox.smtp.codec;

import static dev.pillarbox.smtp.codec.Decoding.cmd;
import static dev.pillarbox.smtp.codec.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Verb;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerDecoderCommandTest {

    private static final ServerDecoder.Mode COMMAND = ServerDecoder.Mode.COMMAND;

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void pipelinedCommandsComeOutInOrder(Feeder feeder) {
        assertThat(decode(feeder, "EHLO client.example\r\nMAIL FROM:<a@b> SIZE=100\r\nRCPT TO:<c@d>\r\n"
                + "RCPT TO:<e@f>\r\nNOOP\r\nQUIT\r\n"))
                .containsExactly(cmd("EHLO client.example"), cmd("MAIL FROM:<a@b> SIZE=100"), cmd("RCPT TO:<c@d>"),
                        cmd("RCPT TO:<e@f>"), cmd("NOOP"), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void emptyLineAndTabAreCommandLines(Feeder feeder) {
        assertThat(decode(feeder, "\r\nHELO\tx\r\n")).containsExactly(cmd(""), cmd("HELO\tx"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void utf8ArgumentsAreDecoded(Feeder feeder) {
        String line = "MAIL FROM:<jürgen@bücher.example> SMTPUTF8";
        byte[] bytes = (line + "\r\nNOOP\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(Decoding.decode(feeder, new ServerDecoder(CodecLimits.defaults()), bytes))
                .containsExactly(cmd(line), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void invalidUtf8IsInvalidCommandBytes(Feeder feeder) {
        assertThat(decode(feeder, "MAIL FROM:<\u00ff\u00fe@x>\r\nNOOP\r\n"))
                .containsExactly(new InvalidCommandBytes(), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void nulInCommandIsDiscardedThroughCrlf(Feeder feeder) {
        assertThat(decode(feeder, "MAIL FROM:<a\u0000b>\r\nNOOP\r\n"))
                .containsExactly(new InvalidCommandBytes(), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void deleteAndEscapeAreInvalidCommandBytes(Feeder feeder) {
        assertThat(decode(feeder, "NO\u007fOP\r\nNO\u001bOP\r\nRSET\r\n"))
                .containsExactly(new InvalidCommandBytes(), new InvalidCommandBytes(), cmd("RSET"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bareLfInCommandIsReportedAndLineDiscardedThroughCrlf(Feeder feeder) {
        assertThat(decode(feeder, "NOOP\nRSET\r\nQUIT\r\n"))
                .containsExactly(new BareLineEnding(COMMAND), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void bareCrInCommandIsReportedAndLineDiscardedThroughCrlf(Feeder feeder) {
        assertThat(decode(feeder, "NOOP\rRSET\r\nQUIT\r\n"))
                .containsExactly(new BareLineEnding(COMMAND), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void crCrLfEndsTheDiscardedLine(Feeder feeder) {
        assertThat(decode(feeder, "NOOP\r\r\nQUIT\r\n")).containsExactly(new BareLineEnding(COMMAND), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void lineOfExactly512OctetsIncludingCrlfIsAccepted(Feeder feeder) {
        String line = "NOOP " + "x".repeat(505);
        assertThat(line.length() + 2).isEqualTo(512);
        assertThat(decode(feeder, line + "\r\nQUIT\r\n")).containsExactly(cmd(line), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void overlongCommandLineIsDrainedThen500(Feeder feeder) {
        String line = "NOOP " + "x".repeat(506);
        assertThat(decode(feeder, line + "\r\nQUIT\r\n")).containsExactly(new LineTooLong(COMMAND, 512), cmd("QUIT"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void hugeLineWithoutCrlfYieldsOneUnitAndBoundedMemory(Feeder feeder) {
        String garbage = "A".repeat(100_000);
        assertThat(decode(feeder, garbage + "\r\nNOOP\r\n")).containsExactly(new LineTooLong(COMMAND, 512), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void authLineLimitAllowsLongerLines(Feeder feeder) {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        decoder.useAuthLineLimit(true);
        String response = "A".repeat(5000);
        String tooLong = "B".repeat(12287);
        assertThat(Decoding.decode(feeder, decoder, (response + "\r\n" + tooLong + "\r\n*\r\n")
                .getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(cmd(response), new LineTooLong(COMMAND, 12288), cmd("*"));
        decoder.useAuthLineLimit(false);
        assertThat(Decoding.decode(feeder, decoder, (response + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(new LineTooLong(COMMAND, 512), cmd("NOOP"));
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void smallerConfiguredLimitApplies(Feeder feeder) {
        CodecLimits limits = CodecLimits.defaults().withCommandLine(8);
        assertThat(decode(feeder, limits, "NOOP12\r\nNOOP123\r\nQUIT\r\n"))
                .containsExactly(cmd("NOOP12"), new LineTooLong(COMMAND, 8), cmd("QUIT"));
    }

    // RFC 5321 4.5.3.1.4: extensions widen the lines of the verbs whose parameters they add, and only those
    private static final Map<Verb, Integer> LONGER = Map.of(Verb.MAIL, 645, Verb.RCPT, 1048);

    /** A command line of exactly {@code octets} octets with its CRLF: the verb, a space and filler. */
    private static String lineOf(String verb, int octets) {
        return verb + " " + "x".repeat(octets - verb.length() - 3);
    }

    static Stream<Arguments> perVerbLimits() {
        List<Arguments> cases = new ArrayList<>();
        // verb as sent, its limit
        Object[][] verbs = {{"MAIL", 645}, {"mail", 645}, {"RCPT", 1048}, {"NOOP", 512}, {"HELO", 512},
            {"EHLO", 512}, {"VRFY", 512}, {"XFOO", 512}, {"AUTH", 512}, {"MAILX", 512}};
        for (Object[] verb : verbs) {
            for (Feeder feeder : Feeder.values()) {
                cases.add(Arguments.of(feeder, verb[0], verb[1]));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} up to {2} octets, {0}")
    @MethodSource("perVerbLimits")
    void eachVerbHasItsOwnCommandLineLimit(Feeder feeder, String verb, int limit) {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults(), LONGER);
        String fits = lineOf(verb, limit);
        String over = lineOf(verb, limit + 1);
        String farOver = lineOf(verb, 5000); // past the widest limit: cut while it arrives, then discarded
        assertThat(Decoding.decode(feeder, decoder, (fits + "\r\n" + over + "\r\nNOOP\r\n" + farOver + "\r\nQUIT\r\n")
                .getBytes(StandardCharsets.US_ASCII)))
                .containsExactly(cmd(fits), new LineTooLong(COMMAND, limit), cmd("NOOP"),
                        new LineTooLong(COMMAND, limit), cmd("QUIT"));
    }

    @Test
    void aLongerLimitBelowTheCommandLineLimitIsRefused() {
        assertThatThrownBy(() -> new ServerDecoder(CodecLimits.defaults(), Map.of(Verb.MAIL, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the command-line limit of MAIL (100) is below the commandLine limit 512");
    }

    @ParameterizedTest
    @EnumSource(Feeder.class)
    void startTlsDiscardsPipelinedPlaintext(Feeder feeder) {
        // RFC 3207 section 6: commands injected after STARTTLS in the plaintext must not be executed
        assertThat(decode(feeder, "EHLO x\r\nSTARTTLS\r\nRSET\r\nMAIL FROM:<evil@x>\r\n", "EHLO y\r\n"))
                .containsExactly(cmd("EHLO x"), cmd("STARTTLS"), cmd("EHLO y"));
    }

    @Test
    void discardBufferedDropsPartialLineAndLeavesCallerBufferAlone() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap("STARTTLS\r\nRSET\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.decode(in)).isEqualTo(cmd("STARTTLS"));
        assertThat(in.remaining()).as("injected bytes stay in the caller's buffer for it to see").isEqualTo(6);
        assertThat(decoder.hasPartialInput()).isFalse();
        ByteBuffer partial = ByteBuffer.wrap("RS".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.decode(partial)).isNull();
        assertThat(decoder.hasPartialInput()).isTrue();
        decoder.discardBuffered();
        assertThat(decoder.hasPartialInput()).isFalse();
        assertThat(decoder.decode(ByteBuffer.wrap("ET\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(cmd("ET"));
    }

    @Test
    void toCommandParsesVerbAndArgument() {
        assertThat(cmd("mail FROM:<a@b>").toCommand()).isEqualTo(new Command(Verb.MAIL, "FROM:<a@b>"));
        assertThatThrownBy(() -> cmd("M@IL x").toCommand()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void enterDataModeWithPartialLineBufferedFails() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        assertThat(decoder.decode(ByteBuffer.wrap("DATA\r\nfoo".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo(cmd("DATA"));
        assertThat(decoder.decode(ByteBuffer.wrap("foo".getBytes(StandardCharsets.US_ASCII)))).isNull();
        assertThatThrownBy(decoder::enterDataMode).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot enter DATA mode: part of the next command line was already decoded");
    }

    @Test
    void enterDataModeTwiceFails() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        decoder.enterDataMode();
        assertThatThrownBy(decoder::enterDataMode).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot enter DATA mode in DATA mode");
        assertThatThrownBy(() -> decoder.enterBdatMode(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot enter BDAT mode in DATA mode");
    }

    @Test
    void negativeBdatSizeFails() {
        assertThatThrownBy(() -> new ServerDecoder(CodecLimits.defaults()).enterBdatMode(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("BDAT chunk size -1 is negative");
    }

    @Test
    void directBufferDecodesLikeHeap() {
        ServerDecoder decoder = new ServerDecoder(CodecLimits.defaults());
        byte[] bytes = "NOOP\r\nDATA\r\nab\r\n..c\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer in = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        assertThat(decoder.decode(in)).isEqualTo(cmd("NOOP"));
        assertThat(decoder.decode(in)).isEqualTo(cmd("DATA"));
        decoder.enterDataMode();
        StringBuilder body = new StringBuilder();
        ServerInbound unit;
        while ((unit = decoder.decode(in)) instanceof BodyChunk chunk) {
            body.append(new String(chunk.toByteArray(), StandardCharsets.US_ASCII));
        }
        assertThat(body).hasToString("ab\r\n.c\r\n");
        assertThat(unit).isEqualTo(new EndOfBody(8));
        assertThat(decoder.decode(in)).isEqualTo(cmd("QUIT"));
    }
}
