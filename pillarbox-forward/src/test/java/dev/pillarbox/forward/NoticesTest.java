package dev.pillarbox.forward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.forward.dsn.Action;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A bounce queued by {@link Notices}: from the null reverse-path to the sender, with the MAIL parameters its content
 * needs: {@code BODY=8BITMIME} when it returns 8-bit content (RFC 6152), {@code SMTPUTF8} when the original had it
 * (RFC 6531), neither for a 7-bit original.
 */
class NoticesTest {

    @TempDir
    Path dir;

    static Stream<Arguments> originals() {
        return Stream.of(
                // original content, its MAIL parameters, the notice's expected MAIL parameters
                Arguments.of("Subject: plain\r\n\r\nhello\r\n", Map.of(), Map.of()),
                Arguments.of("Subject: plain\r\n\r\nGr\u00fc\u00dfe\r\n", Map.of("BODY", "8BITMIME"),
                        Map.of("BODY", "8BITMIME")),
                Arguments.of("Subject: f\u00fcr dich\r\n\r\nhello\r\n", Map.of("BODY", "8BITMIME", "SMTPUTF8", ""),
                        Map.of("BODY", "8BITMIME", "SMTPUTF8", "")),
                // RET=HDRS of a message with an 8-bit body only: the notice returns the 7-bit header
                Arguments.of("Subject: plain\r\n\r\nGr\u00fc\u00dfe\r\n", Map.of("BODY", "8BITMIME", "RET", "HDRS"),
                        Map.of()));
    }

    @ParameterizedTest
    @MethodSource("originals")
    void aBounceCarriesTheMailParametersItsContentNeeds(String content, Map<String, String> mail,
                                                       Map<String, String> expected) throws Exception {
        Spool spool = Spool.open(dir.resolve("spool"));
        Instant now = Instant.parse("2026-12-07T03:00:00Z");
        QueuedRecipient bob = QueuedRecipient.fresh("bob@example.net", Map.of(), now);
        QueuedMessage original = new QueuedMessage(spool.newId(), now, "gw.example.com", "192.0.2.7",
                "alice@example.org", mail, List.of(bob), false);
        spool.enqueue(content.getBytes(StandardCharsets.UTF_8), original);
        Notices notices = new Notices(ForwardSettings.from(PluginSettings.of("forward",
                Map.of("routes", Map.of("example.net", "smtp://127.0.0.1:2525")))));
        QueuedMessage bounce = notices.compose(spool.newId(), original, spool.content(original.id()),
                List.of(new Notices.Reported(bob, Attempt.refused("5.1.1", "550 5.1.1 no such user"), now,
                        "mx.example.net")), Action.FAILED, now, spool);
        assertThat(bounce.nullSender()).isTrue();
        assertThat(bounce.recipients()).extracting(QueuedRecipient::address).containsExactly("alice@example.org");
        assertThat(bounce.mailParameters()).isEqualTo(expected);
        assertThat(spool.read(bounce.id())).contains(bounce);
        String notice = Files.readString(spool.content(bounce.id()), StandardCharsets.UTF_8);
        assertThat(notice).contains("Final-Recipient: rfc822; bob@example.net", "Status: 5.1.1");
    }
}
