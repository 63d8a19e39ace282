package dev.pillarbox.forward.dsn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.client.DsnNotify;
import dev.pillarbox.smtp.client.DsnReturn;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DSN composer: field layout (RFC 3464 2.2, 2.3), header (RFC 5322, RFC 3834), RET and truncation
 * (RFC 3461 4.3), 8-bit and UTF-8 originals, CRLF line ends, and the result parsed by two real MIME parsers:
 * Eclipse Angus Mail and Python's email package (/usr/bin/python3).
 */
class DeliveryStatusNotificationsTest {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final Instant ARRIVAL = Instant.parse("2026-12-07T01:02:03Z");
    private static final Instant NOW = Instant.parse("2026-12-07T09:08:07Z");
    private static final String ORIGINAL = "From: Alice <alice@example.org>\r\n"
            + "To: bob@example.net\r\n"
            + "Subject: quarterly figures\r\n"
            + "Message-ID: <q1@example.org>\r\n"
            + "\r\n"
            + "Dear Bob,\r\n"
            + "the figures are attached.\r\n";

    @TempDir
    static Path dir;

    static ReportedRecipient failed(String address) {
        return ReportedRecipient.failed(address, Optional.of("rfc822;orig-" + address), "5.1.1",
                Optional.of("mx.example.net"), Optional.of("550 5.1.1 <" + address + ">: Recipient address rejected: "
                        + "User unknown in local recipient table"), NOW.minusSeconds(60));
    }

    static ReportedRecipient delayed(String address) {
        return ReportedRecipient.delayed(address, Optional.empty(), "4.4.1", Optional.empty(),
                Optional.of("connect to mx.example.net[192.0.2.1]:25: Connection timed out"),
                NOW.minusSeconds(30), ARRIVAL.plusSeconds(5 * 86400));
    }

    static DsnRequest request(List<ReportedRecipient> recipients, DsnReturn ret, long max) {
        return new DsnRequest("gw.example.com", Optional.of("ENV-42"), ARRIVAL, Optional.of("dns;client.example.org"),
                "alice@example.org", recipients, ret, max);
    }

    static byte[] compose(DsnRequest request, String original) {
        return compose(request, original.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] compose(DsnRequest request, byte[] original) {
        return DeliveryStatusNotifications.compose(request, new ByteArrayInputStream(original), NOW, "gw.example.com");
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void headerAndDeliveryStatusFieldsAreLaidOutAsRfc3464Says() {
        String dsn = text(compose(request(List.of(failed("bob@example.net"), failed("carol@example.net")),
                DsnReturn.FULL, DsnRequest.DEFAULT_MAX_RETURNED_SIZE), ORIGINAL));
        String header = dsn.substring(0, dsn.indexOf("\r\n\r\n") + 2);
        assertThat(header).startsWith("From: Mail Delivery System <MAILER-DAEMON@gw.example.com>\r\n"
                        + "To: <alice@example.org>\r\n"
                        + "Subject: Undelivered Mail Returned to Sender\r\n"
                        + "Date: Mon, 7 Dec 2026 09:08:07 +0000\r\n")
                .containsPattern("\r\nMessage-ID: <[0-9]+\\.[0-9a-f]{16}@gw\\.example\\.com>\r\n")
                .contains("\r\nAuto-Submitted: auto-replied\r\n", "\r\nMIME-Version: 1.0\r\n",
                        "\r\nContent-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"")
                .doesNotContain("Content-Transfer-Encoding");
        // RFC 3464 2.2 per-message fields in the grammar's order, then one block per recipient (2.3)
        assertThat(dsn.replace("\r\n ", " ")).contains("Content-Type: message/delivery-status\r\n\r\n"
                + "Original-Envelope-Id: ENV-42\r\n"
                + "Reporting-MTA: dns; gw.example.com\r\n"
                + "Received-From-MTA: dns; client.example.org\r\n"
                + "Arrival-Date: Mon, 7 Dec 2026 01:02:03 +0000\r\n"
                + "\r\n"
                + "Original-Recipient: rfc822; orig-bob@example.net\r\n"
                + "Final-Recipient: rfc822; bob@example.net\r\n"
                + "Action: failed\r\n"
                + "Status: 5.1.1\r\n"
                + "Remote-MTA: dns; mx.example.net\r\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 <bob@example.net>: Recipient address rejected: User"
                + " unknown in local recipient table\r\n"
                + "Last-Attempt-Date: Mon, 7 Dec 2026 09:07:07 +0000\r\n"
                + "\r\n"
                + "Original-Recipient: rfc822; orig-carol@example.net\r\n"
                + "Final-Recipient: rfc822; carol@example.net\r\n");
        assertThat(dsn).contains("<bob@example.net>: host mx.example.net said: 550 5.1.1 <bob@example.net>:");
    }

    @Test
    void delayNoticeSaysUntilWhenAndReturnsTheHeadersOnly() {
        String dsn = text(compose(request(List.of(delayed("bob@example.net")), DsnReturn.FULL, 1_000_000), ORIGINAL));
        assertThat(dsn.replace("\r\n ", " ")).contains("Subject: Delayed Mail (still being retried)\r\n",
                        "Action: delayed\r\nStatus: 4.4.1\r\n",
                        "Diagnostic-Code: smtp; connect to mx.example.net[192.0.2.1]:25: Connection timed out\r\n",
                        "Will-Retry-Until: Sat, 12 Dec 2026 01:02:03 +0000\r\n",
                        "Content-Type: text/rfc822-headers\r\n")
                .doesNotContain("Remote-MTA", "Original-Recipient", "Dear Bob");
    }

    static Stream<Arguments> returnedContent() {
        return Stream.of(
                // ret, size limit, expected third part type, body returned
                Arguments.of(DsnReturn.FULL, DsnRequest.DEFAULT_MAX_RETURNED_SIZE, "message/rfc822", true),
                Arguments.of(DsnReturn.HDRS, DsnRequest.DEFAULT_MAX_RETURNED_SIZE, "text/rfc822-headers", false),
                Arguments.of(DsnReturn.FULL, ORIGINAL.length(), "message/rfc822", true),
                Arguments.of(DsnReturn.FULL, ORIGINAL.length() - 1, "text/rfc822-headers", false),
                Arguments.of(DsnReturn.FULL, 0, "text/rfc822-headers", false),
                Arguments.of(DsnReturn.HDRS, 0, "text/rfc822-headers", false));
    }

    @ParameterizedTest(name = "RET={0}, limit {1}: {2}")
    @MethodSource("returnedContent")
    void retAndTheSizeLimitDecideWhatIsReturned(DsnReturn ret, long max, String type, boolean body) throws Exception {
        byte[] dsn = compose(request(List.of(failed("bob@example.net")), ret, max), ORIGINAL);
        assertCrlfOnly(dsn);
        MimeMultipart report = angus(dsn);
        BodyPart third = report.getBodyPart(2);
        assertThat(third.getContentType()).startsWith(type);
        String returned = text(third.getInputStream().readAllBytes());
        assertThat(returned).contains("Subject: quarterly figures\r\n");
        assertThat(returned.contains("the figures are attached.")).isEqualTo(body);
        assertThat(text(dsn).contains("only its headers are returned")).isEqualTo(ret == DsnReturn.FULL && !body);
        List<String> py = python(dsn);
        assertThat(py).contains("part=" + type, "defects=0 ");
    }

    @Test
    void angusReadsTheThreePartsAndTheRecipientBlocks() throws Exception {
        byte[] dsn = compose(request(List.of(failed("bob@example.net"), failed("carol@example.net")),
                DsnReturn.FULL, DsnRequest.DEFAULT_MAX_RETURNED_SIZE), ORIGINAL);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
        assertThat(message.getContentType()).startsWith("multipart/report");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(message.getSentDate().toInstant()).isEqualTo(NOW);
        MimeMultipart report = (MimeMultipart) message.getContent();
        assertThat(report.getCount()).isEqualTo(3);
        assertThat(report.getBodyPart(0).getContentType()).startsWith("text/plain; charset=us-ascii");
        assertThat(report.getBodyPart(1).getContentType()).isEqualTo("message/delivery-status");
        InputStream status = report.getBodyPart(1).getInputStream();
        InternetHeaders perMessage = new InternetHeaders(status);
        assertThat(perMessage.getHeader("Reporting-MTA", null)).isEqualTo("dns; gw.example.com");
        assertThat(perMessage.getHeader("Original-Envelope-Id", null)).isEqualTo("ENV-42");
        List<InternetHeaders> blocks = new ArrayList<>();
        while (status.available() > 0) {
            InternetHeaders block = new InternetHeaders(status);
            if (block.getAllHeaderLines().hasMoreElements()) {
                blocks.add(block);
            }
        }
        assertThat(blocks).hasSize(2);
        assertThat(blocks.get(1).getHeader("Final-Recipient", null)).isEqualTo("rfc822; carol@example.net");
        assertThat(blocks.get(1).getHeader("Action", null)).isEqualTo("failed");
        assertThat(MimeUtility.unfold(blocks.get(1).getHeader("Diagnostic-Code", null)))
                .isEqualTo("smtp; 550 5.1.1 <carol@example.net>: Recipient address rejected: User unknown in"
                        + " local recipient table");
        MimeMessage returned = (MimeMessage) report.getBodyPart(2).getContent();
        assertThat(returned.getSubject()).isEqualTo("quarterly figures");
    }

    @Test
    void pythonReadsTheReportAndEachRecipientsFields() throws Exception {
        byte[] dsn = compose(request(List.of(failed("bob@example.net"), failed("carol@example.net")),
                DsnReturn.FULL, DsnRequest.DEFAULT_MAX_RETURNED_SIZE), ORIGINAL);
        assertThat(python(dsn)).contains(
                "content-type=multipart/report",
                "report-type=delivery-status",
                "auto-submitted=auto-replied",
                "subject=Undelivered Mail Returned to Sender",
                "from=Mail Delivery System <MAILER-DAEMON@gw.example.com>",
                "to=alice@example.org",
                "date-parsed=2026-12-07T09:08:07+00:00",
                "defects=0 ",
                "part=text/plain", "text.charset=us-ascii",
                "part=message/delivery-status",
                "msg.Reporting-MTA=dns; gw.example.com",
                "msg.Arrival-Date=Mon, 7 Dec 2026 01:02:03 +0000",
                "rcpt.0.Final-Recipient=rfc822; bob@example.net",
                "rcpt.0.Original-Recipient=rfc822; orig-bob@example.net",
                "rcpt.0.Action=failed",
                "rcpt.0.Status=5.1.1",
                "rcpt.0.Remote-MTA=dns; mx.example.net",
                "rcpt.1.Final-Recipient=rfc822; carol@example.net",
                "rcpt.1.Last-Attempt-Date=Mon, 7 Dec 2026 09:07:07 +0000",
                "part=message/rfc822",
                "returned.subject=quarterly figures",
                "returned.body=b'Dear Bob,\\r\\nthe figures are attached.\\r\\n'");
    }

    static Stream<Arguments> originals() {
        String eightBitBody = ORIGINAL + "Gr\u00fc\u00dfe, caf\u00e9\r\n";
        String utf8Header = ORIGINAL.replace("Subject: quarterly figures", "Subject: Quartalsbericht f\u00fcr M\u00e4rz");
        return Stream.of(
                // name, original, expected type of the status part and the returned message, 8bit
                Arguments.of("7-bit", ORIGINAL, "message/delivery-status", "message/rfc822", false),
                Arguments.of("8-bit body", eightBitBody, "message/delivery-status", "message/rfc822", true),
                Arguments.of("UTF-8 header (SMTPUTF8)", utf8Header, "message/global-delivery-status",
                        "message/global", true),
                Arguments.of("bare LF line ends", ORIGINAL.replace("\r\n", "\n"), "message/delivery-status",
                        "message/rfc822", false),
                Arguments.of("bare CR and no final line end", ORIGINAL.replace("attached.\r\n", "attached.\rP.S."),
                        "message/delivery-status", "message/rfc822", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void eightBitAndOddOriginalsAreReturnedWithTheRightTypeAndCrlf(String name, String original, String statusType,
                                                                  String returnedType, boolean eightBit)
            throws Exception {
        byte[] dsn = compose(request(List.of(failed("bob@example.net")), DsnReturn.FULL, 1_000_000), original);
        assertCrlfOnly(dsn);
        assertThat(DeliveryStatusNotifications.isEightBit(dsn)).isEqualTo(eightBit);
        String s = text(dsn);
        assertThat(s.contains("Content-Transfer-Encoding: 8bit\r\n")).isEqualTo(eightBit);
        assertThat(s).contains("Content-Type: " + statusType + "\r\n", "Content-Type: " + returnedType + "\r\n");
        List<String> py = python(dsn);
        assertThat(py).contains("part=" + statusType, "part=" + returnedType, "defects=0 ",
                "rcpt.0.Final-Recipient=rfc822; bob@example.net");
        MimeMultipart report = angus(dsn);
        assertThat(report.getCount()).isEqualTo(3);
        String returned = new String(report.getBodyPart(2).getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(returned).isEqualTo(original.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
                + (original.endsWith("\n") ? "" : "\r\n"));
    }

    @Test
    void utf8AddressesAreReportedAsUtf8Type() throws Exception {
        ReportedRecipient r = ReportedRecipient.failed("j\u00f6rg@b\u00fccher.example", Optional.empty(), "5.1.1",
                Optional.of("mx.example.net"), Optional.of("550 5.1.1 unknown"), NOW);
        byte[] dsn = compose(new DsnRequest("gw.example.com", Optional.empty(), ARRIVAL, Optional.empty(),
                "s\u00e9bastien@example.org", List.of(r), DsnReturn.HDRS, 0), ORIGINAL);
        assertCrlfOnly(dsn);
        assertThat(python(dsn)).contains("report-type=global-delivery-status", "part=message/global-delivery-status",
                "part=message/global-headers", "text.charset=utf-8",
                "rcpt.0.Final-Recipient=utf-8; j\u00f6rg@b\u00fccher.example", "defects=0 ");
    }

    @Test
    void theBoundaryOccursNowhereInTheReturnedMessage() throws Exception {
        // an original that itself is a multipart with a boundary resembling ours
        String original = "Subject: nested\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"=_pillarbox_dsn_\"\r\n\r\n"
                + "--=_pillarbox_dsn_\r\nContent-Type: text/plain\r\n\r\ninner\r\n--=_pillarbox_dsn_--\r\n";
        for (int i = 0; i < 20; i++) {
            byte[] dsn = compose(request(List.of(failed("bob@example.net")), DsnReturn.FULL, 1_000_000), original);
            Matcher m = Pattern.compile("boundary=\"([^\"]+)\"").matcher(text(dsn));
            assertThat(m.find()).isTrue();
            String boundary = m.group(1);
            assertThat(original).doesNotContain(boundary);
            // the boundary line appears exactly four times: three part starts and the close delimiter
            assertThat(text(dsn).split("\r\n--" + Pattern.quote(boundary), -1)).hasSize(5);
            assertThat(angus(dsn).getCount()).isEqualTo(3);
        }
    }

    static Stream<Arguments> bodiesThatAreNotText() {
        return Stream.of(
                Arguments.of("a line of 999 octets", "x".repeat(999) + "\r\n"),
                Arguments.of("a NUL octet", "before\u0000after\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodiesThatAreNotText")
    void aBodyThatIsNotTextLinesIsLeftOut(String name, String body) throws Exception {
        byte[] dsn = compose(request(List.of(failed("bob@example.net")), DsnReturn.FULL, 1_000_000),
                ORIGINAL + body);
        assertCrlfOnly(dsn);
        assertThat(text(dsn)).contains("Content-Type: text/rfc822-headers\r\n", "not text lines")
                .doesNotContain("Dear Bob", "before");
        assertThat(python(dsn)).contains("part=text/rfc822-headers", "defects=0 ");
        // a line of exactly 998 octets is text: returned
        byte[] fits = compose(request(List.of(failed("bob@example.net")), DsnReturn.FULL, 1_000_000),
                ORIGINAL + "x".repeat(998) + "\r\n");
        assertThat(text(fits)).contains("Content-Type: message/rfc822\r\n", "x".repeat(998) + "\r\n");
    }

    @Test
    void aLargeOriginalFromAFileIsReadOnlyAsFarAsItIsReturned() throws Exception {
        // 20 MB on disk: the bounce returns the headers only and stops reading past the limit
        Path big = dir.resolve("big.eml");
        try (var out = Files.newOutputStream(big)) {
            out.write(ORIGINAL.getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("x".repeat(998) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20_000; i++) {
                out.write(line);
            }
        }
        long[] consumed = {0};
        try (InputStream file = Files.newInputStream(big)) {
            InputStream counting = new java.io.FilterInputStream(file) {
                @Override
                public int read() throws IOException {
                    int c = super.read();
                    consumed[0] += c >= 0 ? 1 : 0;
                    return c;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    consumed[0] += Math.max(n, 0);
                    return n;
                }
            };
            byte[] dsn = DeliveryStatusNotifications.compose(request(List.of(failed("bob@example.net")),
                    DsnReturn.FULL, 1_000_000), counting, NOW, "gw.example.com");
            assertThat(text(dsn)).contains("Content-Type: text/rfc822-headers\r\n",
                    "larger than 1000000 bytes: only its headers are returned").doesNotContain("xxxxxxxxxx");
            assertThat(dsn.length).isLessThan(10_000);
        }
        assertThat(consumed[0]).isLessThan(1_000_000 + 2 * 64 * 1024);
    }

    @Test
    void datesAreRfc5322() {
        String dsn = text(compose(request(List.of(delayed("bob@example.net")), DsnReturn.HDRS, 0), ORIGINAL));
        Matcher m = Pattern.compile("(?m)^(Date|Arrival-Date|Last-Attempt-Date|Will-Retry-Until): (.*)$")
                .matcher(dsn);
        int dates = 0;
        while (m.find()) {
            ZonedDateTime.parse(m.group(2), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertThat(m.group(2)).matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4} "
                    + "[0-9]{2}:[0-9]{2}:[0-9]{2} \\+0000");
            dates++;
        }
        assertThat(dates).isEqualTo(4);
    }

    @Test
    void longDiagnosticsAreFoldedAndMultiLineRepliesJoined() {
        ReportedRecipient r = ReportedRecipient.failed("bob@example.net", Optional.empty(), "5.7.1",
                Optional.of("mx.example.net"), Optional.of("550-5.7.1 first line of a long explanation\r\n"
                        + "550-5.7.1 second line with more words to push it over seventy-eight characters\r\n"
                        + "550 5.7.1 last line"), NOW);
        String dsn = text(compose(request(List.of(r), DsnReturn.HDRS, 0), ORIGINAL));
        for (String line : dsn.split("\r\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(78);
        }
        assertThat(dsn.replace("\r\n ", " ")).contains("Diagnostic-Code: smtp; 550-5.7.1 first line of a long"
                + " explanation 550-5.7.1 second line with more words to push it over seventy-eight characters"
                + " 550 5.7.1 last line\r\n");
    }

    static Stream<Arguments> notifyRules() {
        Set<DsnNotify> none = Set.of();
        return Stream.of(
                // reverse-path, NOTIFY, action, delay notices by default, expected
                Arguments.of("", none, Action.FAILED, true, false),
                Arguments.of("<>", EnumSet.of(DsnNotify.FAILURE), Action.FAILED, true, false),
                Arguments.of("alice@example.org", none, Action.FAILED, false, true),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.NEVER), Action.FAILED, true, false),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.NEVER), Action.DELAYED, true, false),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.FAILURE), Action.FAILED, false, true),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.SUCCESS), Action.FAILED, false, false),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.DELAY), Action.FAILED, false, false),
                Arguments.of("alice@example.org", none, Action.DELAYED, false, false),
                Arguments.of("alice@example.org", none, Action.DELAYED, true, true),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.FAILURE), Action.DELAYED, true, false),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.DELAY), Action.DELAYED, false, true),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.FAILURE, DsnNotify.DELAY), Action.DELAYED,
                        false, true),
                Arguments.of("alice@example.org", none, Action.DELIVERED, true, false),
                Arguments.of("alice@example.org", none, Action.RELAYED, true, false),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.SUCCESS), Action.RELAYED, false, true),
                Arguments.of("alice@example.org", EnumSet.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                        Action.DELIVERED, false, true),
                Arguments.of("", EnumSet.of(DsnNotify.SUCCESS), Action.DELIVERED, false, false));
    }

    @ParameterizedTest(name = "MAIL FROM:<{0}> NOTIFY={1} {2} (delay default {3}): {4}")
    @MethodSource("notifyRules")
    void shouldNotifyFollowsRfc3461(String reversePath, Set<DsnNotify> notify, Action action, boolean delayDefault,
                                    boolean expected) {
        assertThat(DeliveryStatusNotifications.shouldNotify(reversePath, notify, action, delayDefault))
                .isEqualTo(expected);
    }

    static Stream<Arguments> invalidRecipients() {
        return Stream.of(
                Arguments.of("bob@example.net", Action.FAILED, "5.1.1", "finalRecipient must be type;value"),
                Arguments.of("rfc822;bob@example.net", Action.FAILED, "4.4.1", "does not fit action failed"),
                Arguments.of("rfc822;bob@example.net", Action.DELAYED, "5.1.1", "does not fit action delayed"),
                Arguments.of("rfc822;bob@example.net", Action.DELIVERED, "5.0.0", "does not fit action delivered"),
                Arguments.of("rfc822;bob@example.net", Action.FAILED, "550", "enhanced status code"),
                Arguments.of("rfc822;bob@example.net", Action.FAILED, "5.1.1.1", "enhanced status code"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("invalidRecipients")
    void malformedRecipientsAreRefused(String finalRecipient, Action action, String status, String message) {
        assertThatThrownBy(() -> new ReportedRecipient(finalRecipient, Optional.empty(), action, status,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void requestsAreValidatedAtTheEdge() {
        List<ReportedRecipient> one = List.of(failed("bob@example.net"));
        assertThatThrownBy(() -> DsnRequest.of("gw.example.com", Optional.empty(), ARRIVAL, "", one, DsnReturn.FULL))
                .hasMessageContaining("null reverse-path");
        assertThatThrownBy(() -> DsnRequest.of("gw.example.com", Optional.empty(), ARRIVAL, "a@b", List.of(),
                DsnReturn.FULL)).hasMessageContaining("at least one recipient");
        assertThatThrownBy(() -> DsnRequest.of("gw example", Optional.empty(), ARRIVAL, "a@b", one, DsnReturn.FULL))
                .hasMessageContaining("reportingMta");
        assertThatThrownBy(() -> compose(request(List.of(failed("bob@example.net"), delayed("carol@example.net")),
                DsnReturn.FULL, 0), ORIGINAL)).hasMessageContaining("not a mix");
    }

    @Test
    void successNoticeForARelayedRecipient() throws Exception {
        ReportedRecipient r = new ReportedRecipient(ReportedRecipient.rfc822("bob@example.net"), Optional.empty(),
                Action.RELAYED, "2.0.0", Optional.of("dns;mx.example.net"),
                Optional.of("smtp; 250 2.0.0 Ok: queued as 4F2X"), Optional.of(NOW), Optional.empty());
        byte[] dsn = compose(request(List.of(r), DsnReturn.FULL, 1_000_000), ORIGINAL);
        assertThat(python(dsn)).contains("subject=Successful Mail Delivery Report", "rcpt.0.Action=relayed",
                "part=text/rfc822-headers", "defects=0 ");
    }

    static void assertCrlfOnly(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                assertThat(i > 0 && message[i - 1] == '\r').as("bare LF at %d", i).isTrue();
            }
            if (message[i] == '\r') {
                assertThat(i + 1 < message.length && message[i + 1] == '\n').as("bare CR at %d", i).isTrue();
            }
        }
        assertThat(text(message)).endsWith("--\r\n");
    }

    static MimeMultipart angus(byte[] dsn) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(dsn));
        return (MimeMultipart) message.getContent();
    }

    /** Python's email package's reading of {@code dsn}, one "key=value" line per finding (parse_dsn.py). */
    static List<String> python(byte[] dsn) throws IOException, InterruptedException {
        assertThat(PYTHON).as("Debian's python3 is needed to check DSNs with a second parser").isExecutable();
        Path script = dir.resolve("parse_dsn.py");
        if (!Files.exists(script)) {
            try (InputStream in = DeliveryStatusNotificationsTest.class.getResourceAsStream("/dsn/parse_dsn.py")) {
                Files.copy(in, script);
            }
        }
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString()).redirectErrorStream(true).start();
        p.getOutputStream().write(dsn);
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return List.of(out.split("\n"));
    }
}
