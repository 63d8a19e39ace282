package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every code of RFC 5321 and the common extensions is in the catalog, with its RFC title and source. */
class ReplyCodeCatalogTest {

    static Stream<Arguments> catalog() {
        return Stream.of(
                // RFC 5321 4.2.2/4.2.3
                arguments(211, "System status, or system help reply", "RFC 5321 4.2.2"),
                arguments(214, "Help message", "RFC 5321 4.2.2"),
                arguments(220, "<domain> Service ready", "RFC 5321 4.2.2"),
                arguments(221, "<domain> Service closing transmission channel", "RFC 5321 4.2.2"),
                arguments(250, "Requested mail action okay, completed", "RFC 5321 4.2.2"),
                arguments(251, "User not local; will forward to <forward-path>", "RFC 5321 4.2.2"),
                arguments(252, "Cannot VRFY user, but will accept message and attempt delivery", "RFC 5321 4.2.2"),
                arguments(354, "Start mail input; end with <CRLF>.<CRLF>", "RFC 5321 4.2.2"),
                arguments(421, "<domain> Service not available, closing transmission channel", "RFC 5321 4.2.2"),
                arguments(450, "Requested mail action not taken: mailbox unavailable", "RFC 5321 4.2.2"),
                arguments(451, "Requested action aborted: local error in processing", "RFC 5321 4.2.2"),
                arguments(452, "Requested action not taken: insufficient system storage", "RFC 5321 4.2.2"),
                arguments(455, "Server unable to accommodate parameters", "RFC 5321 4.2.2"),
                arguments(500, "Syntax error, command unrecognized", "RFC 5321 4.2.2"),
                arguments(501, "Syntax error in parameters or arguments", "RFC 5321 4.2.2"),
                arguments(502, "Command not implemented", "RFC 5321 4.2.2"),
                arguments(503, "Bad sequence of commands", "RFC 5321 4.2.2"),
                arguments(504, "Command parameter not implemented", "RFC 5321 4.2.2"),
                arguments(550, "Requested action not taken: mailbox unavailable", "RFC 5321 4.2.2"),
                arguments(551, "User not local; please try <forward-path>", "RFC 5321 4.2.2"),
                arguments(552, "Requested mail action aborted: exceeded storage allocation", "RFC 5321 4.2.2"),
                arguments(553, "Requested action not taken: mailbox name not allowed", "RFC 5321 4.2.2"),
                arguments(554, "Transaction failed", "RFC 5321 4.2.2"),
                arguments(555, "MAIL FROM/RCPT TO parameters not recognized or not implemented", "RFC 5321 4.2.2"),
                // RFC 4954 (AUTH)
                arguments(235, "Authentication succeeded", "RFC 4954"),
                arguments(334, "Server challenge (AUTH continuation)", "RFC 4954"),
                arguments(432, "A password transition is needed", "RFC 4954"),
                arguments(454, "Temporary authentication failure / TLS not available due to temporary reason", "RFC 4954"),
                arguments(530, "Authentication required / Must issue a STARTTLS command first", "RFC 4954"),
                arguments(534, "Authentication mechanism is too weak", "RFC 4954"),
                arguments(535, "Authentication credentials invalid", "RFC 4954"),
                arguments(538, "Encryption required for requested authentication mechanism", "RFC 4954"),
                // RFC 7504
                arguments(521, "Host does not accept mail", "RFC 7504"),
                arguments(556, "Domain does not accept mail", "RFC 7504"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("catalog")
    void everyCodeHasItsEntry(int code, String title, String source) {
        ReplyCodeInfo info = ReplyCode.of(code).info().orElseThrow();

        assertThat(info.code()).isEqualTo(ReplyCode.of(code));
        assertThat(info.title()).isEqualTo(title);
        assertThat(info.source()).contains(source);
        assertThat(List.of(info.description(), info.whenSeen(), info.howToFix())).allSatisfy(text -> {
            assertThat(text).isNotBlank().endsWith(".");
            assertThat(text).doesNotContain("\n", "\r", "  ");
        });
        assertThat(ReplyCodeCatalog.lookup(code)).contains(info);
    }

    static Stream<Arguments> extensionUsages() {
        return Stream.of(
                arguments(220, "RFC 3207", "STARTTLS"),
                arguments(454, "RFC 3207", "STARTTLS"),
                arguments(501, "RFC 3207", "STARTTLS"),
                arguments(530, "RFC 3207", "TLS"),
                arguments(500, "RFC 4954", "5.5.6"),
                arguments(250, "RFC 3030", "BDAT"),
                arguments(503, "RFC 3030", "BDAT"),
                arguments(552, "RFC 3030", "BDAT"),
                arguments(554, "RFC 3030", "BDAT"),
                arguments(504, "RFC 4954", "5.5.4"),
                arguments(553, "RFC 6531", "5.6.7"),
                arguments(556, "RFC 7505", "null MX"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @MethodSource("extensionUsages")
    void extensionUsesOfExistingCodesAreDescribed(int code, String source, String mention) {
        ReplyCodeInfo info = ReplyCode.of(code).info().orElseThrow();

        assertThat(info.source()).contains(source);
        assertThat(info.description() + " " + info.whenSeen()).contains(mention);
    }

    @Test
    void catalogListsExactlyTheDocumentedCodes() {
        assertThat(ReplyCodeCatalog.all()).extracting(i -> i.code().value()).containsExactly(
                211, 214, 220, 221, 235, 250, 251, 252, 334, 354, 421, 432, 450, 451, 452, 454, 455,
                500, 501, 502, 503, 504, 521, 530, 534, 535, 538, 550, 551, 552, 553, 554, 555, 556);
        assertThat(catalog()).hasSize(ReplyCodeCatalog.all().size());
    }

    @Test
    void renderGivesAPlainTextDescription() {
        String text = ReplyCode.of(354).info().orElseThrow().render();

        assertThat(text).startsWith("354 Start mail input; end with <CRLF>.<CRLF>\n"
                + "  Category:   3yz Positive Intermediate\n"
                + "  Subject:    x5z Mail system\n"
                + "  Meaning:    A positive intermediate reply: the server accepts DATA and waits\n");
        assertThat(text).contains("  When seen:  After DATA, once MAIL and at least one RCPT have been accepted.\n");
        assertThat(text).endsWith("  Source:     RFC 5321 4.2.2, 4.1.1.4, 4.5.2\n");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
    }

    @Test
    void everyRenderingFitsATerminal() {
        for (ReplyCodeInfo info : ReplyCodeCatalog.all()) {
            assertThat(info.render().lines()).as("%s", info.code())
                    .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        }
    }
}
