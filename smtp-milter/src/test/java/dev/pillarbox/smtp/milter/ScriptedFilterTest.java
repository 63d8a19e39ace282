package dev.pillarbox.smtp.milter;

import static dev.pillarbox.smtp.milter.ScriptedFilter.answer;
import static dev.pillarbox.smtp.milter.ScriptedFilter.optneg;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.pillarbox.smtp.milter.testing.ExternalProcess;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.pillarbox.smtp.core.Reply;

/**
 * The wire as the MTA writes it, and every way a filter can fail, against a scripted fake filter: exact packets,
 * protocol errors, changes not negotiated, a filter that closes, one that never answers, one that is not there.
 */
class ScriptedFilterTest {

    private static final int ALL_ACTIONS = 0x1ff;
    private static final String FILTER_FAILED = "filter failed: ";

    private static MilterClient client;

    @BeforeAll
    static void start() {
        client = new MilterClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    /**
     * A script: the negotiation reply to OPTNEG; no answer to macros, abort and the {@code silent} events; the
     * given answer to the commands in {@code answers}; continue to the rest; close after QUIT.
     */
    private static Function<MilterPacket, byte[]> script(MilterPacket negotiation, String silent,
            Map<Character, byte[]> answers) {
        return p -> {
            char c = (char) p.command();
            if (c == 'O') {
                return negotiation.toBytes();
            }
            if (c == 'Q') {
                return null;
            }
            if (c == 'D' || c == 'A' || silent.indexOf(c) >= 0) {
                return new byte[0];
            }
            return answers.getOrDefault(c, ScriptedFilter.CONTINUE.toBytes());
        };
    }

    private static MilterSession open(ScriptedFilter filter, MacroLookup macros) {
        return client.open(FilterConfig.builder(filter.socket()).commandTimeout(Duration.ofSeconds(5)).build(), macros);
    }

    private static ConnectInfo client() {
        return ConnectInfo.of(new InetSocketAddress("127.0.0.1", 4321), "client.example");
    }

    private static MilterPacket packet(char command, String data) {
        return MilterPacket.of(command, data.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void theMtaWritesPostfixsPacketsAndHoldsUnansweredEventsForTheNextReply() throws Exception {
        int options = ProtocolOption.NO_CONNECT.bit() | ProtocolOption.NO_REPLY_HELO.bit();
        Map<String, String> values = new HashMap<>(Map.of("{j}", "mx.example", "{daemon_name}", "pillarbox"));
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, options), "H", Map.of()));
                MilterSession s = open(f, values::get)) {
            assertThat(s.connect(client())).isEqualTo(Decision.CONTINUE);
            assertThat(s.helo("client.example")).isEqualTo(Decision.CONTINUE);
            values.put("{i}", "QID1");
            values.put("{mail_addr}", "a@example.org");
            assertThat(s.mail("<a@example.org>", List.of("SIZE=42"))).isEqualTo(Decision.CONTINUE);
            s.close();
            ExternalProcess.await(Duration.ofSeconds(5), "QUIT at the filter", () -> f.commands().endsWith("Q"));
            assertThat(f.received()).containsExactly(
                    Negotiation.offer(Action.all(), ProtocolOption.offered()),
                    // connect's macros are sent though the filter does not want SMFIC_CONNECT (Postfix does so)
                    packet('D', "Cj\0mx.example\0{daemon_name}\0pillarbox\0"),
                    packet('D', "H"),
                    packet('H', "client.example\0"),
                    packet('D', "Mi\0QID1\0{mail_addr}\0a@example.org\0"),
                    packet('M', "<a@example.org>\0SIZE=42\0"),
                    packet('Q', ""));
        }
    }

    @Test
    void contentGoesAsHeadersEndOfHeadersBodyAndEndOfMessage() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, ProtocolOption.NO_REPLY_HEADER.bit()),
                "L", Map.of()));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            s.rcpt("<b@example.org>", List.of("NOTIFY=NEVER"));
            s.data();
            EndOfMessage eom = s.message(MessageContent.parse(
                    "Subject: hi\r\nX-Folded: a\r\n b\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(eom.decision()).isEqualTo(Decision.CONTINUE);
            assertThat(f.commands()).isEqualTo("ODCDMDRDTDLDLDNDBDE");
            List<MilterPacket> r = f.received();
            assertThat(r.get(6)).isEqualTo(packet('R', "<b@example.org>\0NOTIFY=NEVER\0"));
            assertThat(r.get(10)).isEqualTo(packet('L', "Subject\0hi\0"));
            assertThat(r.get(12)).isEqualTo(packet('L', "X-Folded\0a\n b\0"));
            assertThat(r.get(16)).isEqualTo(packet('B', "body\r\n"));
            assertThat(r.get(17)).isEqualTo(packet('D', "E"));
        }
    }

    @Test
    void eventsTheFilterDoesNotWantAreNotSentNorTheirContentMacros() throws Exception {
        int options = ProtocolOption.NO_HEADERS.bit() | ProtocolOption.NO_END_OF_HEADERS.bit()
                | ProtocolOption.NO_BODY.bit() | ProtocolOption.NO_RCPT.bit();
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, options), "", Map.of()));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            s.rcpt("<b@example.org>", List.of());
            s.data();
            s.message(MessageContent.parse("Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));
            assertThat(f.commands()).isEqualTo("ODCDMDDTDE");
        }
    }

    @Test
    void aVersion2FilterGetsNoDataOrUnknownEvent() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(2, 0x0f, 0), "", Map.of()));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            assertThat(s.unknown("XFOO")).isEqualTo(Decision.CONTINUE);
            s.rcpt("<b@example.org>", List.of());
            assertThat(s.data()).isEqualTo(Decision.CONTINUE);
            assertThat(f.commands()).isEqualTo("ODCDMDR");
        }
    }

    @Test
    void aChangeTheFilterDidNotNegotiateFailsTheFilter() throws Exception {
        byte[] eom = answer(packet('m', "\0\0\0\1Subject\0new\0"), ScriptedFilter.CONTINUE);
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, Action.ADD_HEADERS.bit(), 0), "",
                Map.of('E', eom)));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            s.rcpt("<b@example.org>", List.of());
            assertThat(s.endOfMessage().decision()).isEqualTo(failed(f,
                    "SMFIR_CHGHEADER without the negotiated action SMFIF_CHGHDRS", DefaultAction.TEMPFAIL));
        }
    }

    @Test
    void aChangeBeforeEndOfMessageIsAProtocolError() throws Exception {
        assertFails(Map.of('R', answer(packet('h', "X-Spam\0yes\0"))), s -> {
            s.mail("<a@example.org>", List.of());
            return s.rcpt("<b@example.org>", List.of());
        }, "unexpected filter response SMFIR_ADDHEADER after SMFIC_RCPT");
    }

    @Test
    void aMalformedReplyFailsTheFilterWithItsDefaultAction() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('M', answer(packet('y', "250 2.0.0 fine\0")))));
                MilterSession s = client.open(FilterConfig.builder(f.socket()).defaultAction(DefaultAction.REJECT).build(),
                        name -> null)) {
            s.connect(client());
            Decision d = s.mail("<a@example.org>", List.of());
            assertThat(d).isEqualTo(failed(f, "malformed SMFIR_REPLYCODE reply \"250 2.0.0 fine\": line 1 does not "
                    + "start with a 4xx or 5xx reply code", DefaultAction.REJECT));
            assertThat(d.smtpReply()).contains(Reply.of(550, "5.5.0", "Service unavailable"));
        }
    }

    @Test
    void aFilterThatClosesFailsAtThatEvent() throws Exception {
        assertFails(Map.of(), s -> s.mail("<close@example.org>", List.of()),
                "the filter closed the connection at SMFIC_MAIL", p -> p.command() == 'M');
    }

    @Test
    void anUnknownReplyIsAProtocolError() throws Exception {
        assertFails(Map.of('H', answer(packet('Z', ""))), s -> s.helo("x"), "unexpected unknown reply 0x5a after SMFIC_HELO");
    }

    @Test
    void aPacketOfLengthZeroIsAProtocolError() throws Exception {
        assertFails(Map.of('H', new byte[] {0, 0, 0, 0}), s -> s.helo("x"),
                "bad packet length 0 (a packet has at least its command byte)");
    }

    @Test
    void aPacketOverTheLimitIsAProtocolError() throws Exception {
        byte[] huge = new byte[70_000];
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('H', answer(MilterPacket.of('b', huge)))));
                MilterSession s = client.open(FilterConfig.builder(f.socket()).maxPacketLength(65536).build(),
                        name -> null)) {
            s.connect(client());
            assertThat(s.helo("x")).isEqualTo(failed(f, "packet length 70001 exceeds the limit of 65536 octets",
                    DefaultAction.TEMPFAIL));
        }
    }

    @Test
    void aDecisionWithDataIsAProtocolError() throws Exception {
        assertFails(Map.of('H', answer(packet('c', "abc"))), s -> s.helo("x"),
                "reply SMFIR_CONTINUE was followed by 3 data octets");
    }

    @Test
    void quarantineWithoutTheNegotiatedActionIsAProtocolError() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, Action.ADD_HEADERS.bit(), 0), "",
                Map.of('E', answer(packet('q', "hold\0"), ScriptedFilter.CONTINUE))));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            assertThat(s.endOfMessage().decision()).isEqualTo(failed(f,
                    "SMFIR_QUARANTINE without the negotiated action SMFIF_QUARANTINE", DefaultAction.TEMPFAIL));
        }
    }

    @Test
    void bodyReplacementMixedWithOtherChangesIsAProtocolError() throws Exception {
        byte[] eom = answer(packet('b', "one\r\n"), packet('h', "X-A\0b\0"), packet('b', "two\r\n"),
                ScriptedFilter.CONTINUE);
        assertFails(Map.of('E', eom), s -> {
            s.mail("<a@example.org>", List.of());
            return s.endOfMessage().decision();
        }, "SMFIR_REPLBODY chunks mixed with other change requests");
    }

    @Test
    void aReplacementBodyOverTheLimitFailsTheFilter() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('E', answer(packet('b', "0123456789"), packet('b', "x"), ScriptedFilter.CONTINUE))));
                MilterSession s = client.open(FilterConfig.builder(f.socket()).maxReplacedBody(10).build(),
                        name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            assertThat(s.endOfMessage().decision()).isEqualTo(failed(f,
                    "replacement body exceeds the limit of 10 octets", DefaultAction.TEMPFAIL));
        }
    }

    @Test
    void progressAndQuarantineAtAnEnvelopeStageComeBeforeTheDecision() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('R', answer(packet('p', ""), packet('q', "suspicious recipient\0"), packet('p', ""),
                        ScriptedFilter.CONTINUE))));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            s.mail("<a@example.org>", List.of());
            assertThat(s.rcpt("<b@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            EndOfMessage eom = s.endOfMessage();
            assertThat(eom.decision()).isEqualTo(Decision.CONTINUE);
            assertThat(eom.quarantine()).contains("suspicious recipient");
        }
    }

    @Test
    void shutdownClosesTheConnectionForEveryLaterEvent() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('M', answer(packet('4', "")))));
                MilterSession s = open(f, name -> null)) {
            s.connect(client());
            Decision d = s.mail("<a@example.org>", List.of());
            assertThat(d).isEqualTo(new Decision.Shutdown(Reply.of(421, "4.7.0", "Server closing connection")));
            assertThat(d.closesConnection()).isTrue();
            assertThat(s.rcpt("<b@example.org>", List.of())).isSameAs(d);
        }
    }

    @Test
    void discardAtConnectIsIgnoredAsPostfixDoes() throws Exception {
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('C', answer(packet('d', "")))));
                MilterSession s = open(f, name -> null)) {
            assertThat(s.connect(client())).isEqualTo(Decision.CONTINUE);
            assertThat(s.helo("x")).isEqualTo(Decision.CONTINUE);
        }
    }

    @Test
    void aFilterThatAcceptsTheConnectionAndNeverAnswersFailsWithinTheCommandTimeout() throws Exception {
        try (ScriptedFilter f = ScriptedFilter.silent();
                MilterSession s = client.open(FilterConfig.builder(f.socket()).commandTimeout(Duration.ofMillis(500))
                        .build(), name -> null)) {
            long start = System.nanoTime();
            Decision d = s.connect(client());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(d).isEqualTo(failed(f, "timed out after 500ms at SMFIC_OPTNEG", DefaultAction.TEMPFAIL));
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
            assertThat(s.helo("x")).isEqualTo(d);
        }
    }

    @Test
    void aSilentFilterTimesOutOnAVirtualThreadToo() throws Exception {
        // the server runs SMTP sessions on virtual threads on Java 21+; closing the channel must wake one too
        try (ScriptedFilter f = ScriptedFilter.silent();
                MilterSession s = client.open(FilterConfig.builder(f.socket()).commandTimeout(Duration.ofMillis(300))
                        .build(), name -> null)) {
            java.util.concurrent.CompletableFuture<Decision> result = new java.util.concurrent.CompletableFuture<>();
            Thread t = startVirtualIfAvailable(() -> result.complete(s.connect(client())));
            assertThat(result.get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .isEqualTo(failed(f, "timed out after 300ms at SMFIC_OPTNEG", DefaultAction.TEMPFAIL));
            t.join(5000);
            assertThat(isVirtual(t)).isEqualTo(Runtime.version().feature() >= 21);
        }
    }

    /** {@code Thread.ofVirtual().start(task)} on Java 21+ (the code compiles for 17), else a platform thread. */
    private static Thread startVirtualIfAvailable(Runnable task) throws Exception {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                    .invoke(builder, task);
        } catch (NoSuchMethodException e) {
            Thread t = new Thread(task);
            t.start();
            return t;
        }
    }

    private static boolean isVirtual(Thread t) throws Exception {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    @Test
    void aFilterThatIsNotListeningFailsAtConnect() throws Exception {
        MilterSocket nowhere = MilterSocket.inet("127.0.0.1", ExternalProcess.freePort());
        try (MilterSession s = client.open(FilterConfig.builder(nowhere).build(), name -> null)) {
            Decision d = s.connect(client());
            assertThat(d).isInstanceOf(Decision.Failed.class);
            assertThat(((Decision.Failed) d).reason()).isEqualTo(FILTER_FAILED + "connect failed: Connection refused");
        }
    }

    @Test
    void aMissingUnixSocketFailsAtConnect(@TempDir Path dir) {
        MilterSocket missing = MilterSocket.unix(dir.resolve("missing.sock"));
        try (MilterSession s = client.open(FilterConfig.builder(missing).build(), name -> null)) {
            Decision.Failed d = (Decision.Failed) s.connect(client());
            assertThat(d.reason()).startsWith(FILTER_FAILED + "connect failed: ");
            assertThat(d.filter()).isEqualTo("unix:" + dir.resolve("missing.sock"));
        }
    }

    @Test
    void aConnectThatHangsFailsWithinTheConnectTimeout() throws Exception {
        // a listener whose accept queue is full and that never accepts: the kernel drops further SYNs
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            List<java.net.Socket> fillers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    java.net.Socket filler = new java.net.Socket();
                    try {
                        filler.connect(full.getLocalSocketAddress(), 200);
                        fillers.add(filler);
                    } catch (java.io.IOException e) {
                        filler.close();
                        break;
                    }
                }
                MilterSocket socket = MilterSocket.inet("127.0.0.1", full.getLocalPort());
                try (MilterSession s = client.open(FilterConfig.builder(socket).connectTimeout(Duration.ofMillis(400))
                        .commandTimeout(Duration.ofMillis(400)).build(), name -> null)) {
                    long start = System.nanoTime();
                    Decision.Failed d = (Decision.Failed) s.connect(client());
                    Duration took = Duration.ofNanos(System.nanoTime() - start);
                    assertThat(d.reason()).isIn(FILTER_FAILED + "connect timed out after 400ms",
                            FILTER_FAILED + "timed out after 400ms at SMFIC_OPTNEG");
                    assertThat(took).isLessThan(Duration.ofSeconds(3));
                }
            } finally {
                for (java.net.Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    void aChainGoesPastAFailedFilterWhoseDefaultActionIsAccept() throws Exception {
        MilterSocket nowhere = MilterSocket.inet("127.0.0.1", ExternalProcess.freePort());
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "",
                Map.of('R', answer(packet('r', "")))));
                MilterChain chain = client.openChain(List.of(
                        FilterConfig.builder(nowhere).defaultAction(DefaultAction.ACCEPT).build(),
                        FilterConfig.builder(f.socket()).build()), name -> null)) {
            assertThat(chain.connect(client())).isEqualTo(Decision.CONTINUE);
            assertThat(chain.sessions().get(0).helo("x").proceeds()).isTrue();
            assertThat(chain.mail("<a@example.org>", List.of())).isEqualTo(Decision.CONTINUE);
            assertThat(chain.rcpt("<b@example.org>", List.of())).isEqualTo(new Decision.Reject(MilterReplies.REJECT));
        }
    }

    @Test
    void aChainStopsAtAFailedFilterWhoseDefaultActionIsTempfail() throws Exception {
        MilterSocket nowhere = MilterSocket.inet("127.0.0.1", ExternalProcess.freePort());
        try (ScriptedFilter f = new ScriptedFilter(script(optneg(6, ALL_ACTIONS, 0), "", Map.of()));
                MilterChain chain = client.openChain(List.of(FilterConfig.builder(nowhere).build(),
                        FilterConfig.builder(f.socket()).build()), name -> null)) {
            Decision d = chain.connect(client());
            assertThat(d).isInstanceOf(Decision.Failed.class);
            assertThat(d.smtpReply()).contains(Reply.of(451, "4.7.1", "Service unavailable - try again later"));
            assertThat(f.commands()).isEmpty();
        }
    }

    private static Decision.Failed failed(ScriptedFilter f, String why, DefaultAction action) {
        return new Decision.Failed(f.socket().toString(), FILTER_FAILED + why, action);
    }

    private interface Step {
        Decision run(MilterSession s) throws Exception;
    }

    private static void assertFails(Map<Character, byte[]> answers, Step step, String why) throws Exception {
        assertFails(answers, step, why, p -> false);
    }

    /** Connects, runs {@code step} and expects the filter to fail with {@code why}; {@code close} makes it hang up. */
    private static void assertFails(Map<Character, byte[]> answers, Step step, String why,
            java.util.function.Predicate<MilterPacket> close) throws Exception {
        Function<MilterPacket, byte[]> base = script(optneg(6, ALL_ACTIONS, 0), "", answers);
        try (ScriptedFilter f = new ScriptedFilter(p -> close.test(p) ? null : base.apply(p));
                MilterSession s = open(f, name -> null)) {
            assertThat(s.connect(client())).isEqualTo(Decision.CONTINUE);
            Decision d = step.run(s);
            assertThat(d).isEqualTo(failed(f, why, DefaultAction.TEMPFAIL));
            assertThat(d.smtpReply()).contains(Reply.of(451, "4.7.1", "Service unavailable - try again later"));
        }
    }
}
