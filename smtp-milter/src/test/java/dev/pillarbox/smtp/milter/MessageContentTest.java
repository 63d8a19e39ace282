package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parsing a message into fields and body, and applying a filter's changes with Postfix's index rules. */
class MessageContentTest {

    private static final String MESSAGE = "Received: from a\r\n"
            + "Subject: first\r\n"
            + "X-Twice: one\r\n"
            + "x-twice: two\r\n"
            + "Folded: a\r\n\tb\r\n"
            + "\r\n"
            + "body line\r\n";

    @Test
    void parsesFieldsFoldsAndBody() throws Exception {
        MessageContent m = MessageContent.parse(bytes(MESSAGE));
        assertThat(m.headers()).extracting(HeaderField::toString).containsExactly(
                "Received: from a", "Subject: first", "X-Twice: one", "x-twice: two", "Folded: a\\r\\n\tb");
        assertThat(m.body().bytes()).isEqualTo(bytes("body line\r\n"));
        assertThat(new String(m.toBytes(), StandardCharsets.UTF_8)).isEqualTo(MESSAGE);
    }

    @Test
    void aLineThatIsNoFieldStartsTheBody() throws Exception {
        MessageContent m = MessageContent.parse(bytes("Subject: x\r\nnot a header\r\nmore\r\n"));
        assertThat(m.headers()).extracting(HeaderField::name).containsExactly("Subject");
        assertThat(m.body().bytes()).isEqualTo(bytes("not a header\r\nmore\r\n"));
    }

    @Test
    void whiteSpaceBeforeTheColonIsDropped() {
        MessageContent m = MessageContent.parse(bytes("Subject : x\r\n\r\n"));
        assertThat(m.headers()).extracting(HeaderField::toString).containsExactly("Subject: x");
    }

    @Test
    void aMessageWithoutBodyOrEmptyLine() throws Exception {
        MessageContent m = MessageContent.parse(bytes("Subject: x\r\n"));
        assertThat(m.headers()).hasSize(1);
        assertThat(m.body().bytes()).isEmpty();
    }

    static Stream<Arguments> changes() {
        HeaderField added = HeaderField.of("X-New", " new");
        return Stream.of(
                Arguments.of(new Modification.AddHeader(added),
                        List.of("Received", "Subject", "X-Twice", "x-twice", "Folded", "X-New")),
                Arguments.of(new Modification.InsertHeader(0, added),
                        List.of("X-New", "Received", "Subject", "X-Twice", "x-twice", "Folded")),
                Arguments.of(new Modification.InsertHeader(2, added),
                        List.of("Received", "Subject", "X-New", "X-Twice", "x-twice", "Folded")),
                Arguments.of(new Modification.InsertHeader(99, added),
                        List.of("Received", "Subject", "X-Twice", "x-twice", "Folded", "X-New")),
                Arguments.of(new Modification.ChangeHeader(2, HeaderField.of("X-TWICE", " changed")),
                        List.of("Received", "Subject", "X-Twice", "X-TWICE", "Folded")),
                Arguments.of(new Modification.ChangeHeader(3, HeaderField.of("X-Twice", " appended")),
                        List.of("Received", "Subject", "X-Twice", "x-twice", "Folded", "X-Twice")),
                Arguments.of(new Modification.DeleteHeader(1, "x-TWICE"),
                        List.of("Received", "Subject", "x-twice", "Folded")),
                Arguments.of(new Modification.DeleteHeader(5, "Subject"),
                        List.of("Received", "Subject", "X-Twice", "x-twice", "Folded")),
                Arguments.of(new Modification.AddRecipient("<r@example.org>", Optional.empty()),
                        List.of("Received", "Subject", "X-Twice", "x-twice", "Folded")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changesUsePostfixsIndexes(Modification change, List<String> names) {
        MessageContent m = MessageContent.parse(bytes(MESSAGE)).apply(change);
        assertThat(m.headers()).extracting(HeaderField::name).containsExactlyElementsOf(names);
    }

    @Test
    void aChangedFieldTakesTheNewValue() {
        MessageContent m = MessageContent.parse(bytes(MESSAGE))
                .apply(new Modification.ChangeHeader(2, HeaderField.of("X-Twice", " changed")));
        assertThat(m.headers("x-twice")).extracting(HeaderField::toString)
                .containsExactly("X-Twice: one", "X-Twice: changed");
    }

    @Test
    void aReplacedBodyReplacesTheBody() throws Exception {
        MessageContent m = MessageContent.parse(bytes(MESSAGE))
                .apply(new Modification.ReplaceBody(bytes("new\r\n")));
        assertThat(m.body().bytes()).isEqualTo(bytes("new\r\n"));
        assertThat(m.headers()).hasSize(5);
    }

    @Test
    void replacementBodiesGetCrlfLineEndings() {
        assertThat(ChangeRequests.crlfLines(bytes("a\nb\r\nc"))).isEqualTo(bytes("a\r\nb\r\nc\r\n"));
        assertThat(ChangeRequests.crlfLines(bytes(""))).isEmpty();
        assertThat(ChangeRequests.crlfLines(bytes("\n"))).isEqualTo(bytes("\r\n"));
        assertThat(ChangeRequests.crlfLines(bytes("x\r"))).isEqualTo(bytes("x\r\r\n"));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
