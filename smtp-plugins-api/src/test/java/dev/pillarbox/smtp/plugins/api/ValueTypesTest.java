package dev.pillarbox.smtp.plugins.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReversePath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The API's small value types validate where they are made. */
class ValueTypesTest {

    private static final BodyCompletion DONE = (session, body) -> Outcome.reply(Reply.of(250, "OK"));

    @Test
    void envelopeIsReplacedAsAWhole() throws Exception {
        Envelope empty = Envelope.empty();
        assertThat(empty.hasSender()).isFalse();
        Envelope started = Envelope.of(ReversePath.parse("<a@example.org>"), EsmtpParameters.empty());
        Recipient bob = new Recipient(ForwardPath.parse("<bob@example.net>"), EsmtpParameters.empty());
        Envelope withBob = started.withRecipient(bob);
        assertThat(started.recipients()).isEmpty();
        assertThat(withBob.recipients()).containsExactly(bob);
        assertThatThrownBy(() -> withBob.recipients().add(bob)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> empty.withRecipient(bob)).isInstanceOf(IllegalStateException.class)
                .hasMessage("a recipient before MAIL FROM");
    }

    @Test
    void envelopeAttributesAreTyped() throws Exception {
        AttributeKey<Integer> score = AttributeKey.of("spam.score", Integer.class);
        Envelope envelope = Envelope.of(ReversePath.nullPath(), EsmtpParameters.empty()).withAttribute(score, 7);
        assertThat(envelope.attribute(score)).contains(7);
        assertThat(Envelope.empty().attribute(score)).isEmpty();
    }

    @Test
    void attributeKeyCastNamesTheKey() {
        AttributeKey<Integer> score = AttributeKey.of("spam.score", Integer.class);
        assertThatThrownBy(() -> score.cast("high")).isInstanceOf(ClassCastException.class)
                .hasMessage("attribute spam.score holds java.lang.String, not java.lang.Integer");
        assertThat(score).hasToString("spam.score:Integer");
    }

    @Test
    void outcomesValidateTheirParts() {
        assertThatThrownBy(() -> Outcome.replies(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Respond needs at least one reply");
        assertThatThrownBy(() -> Outcome.replyThenBody(Reply.of(250, "OK"), DONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a body follows a 3yz reply, got 250");
        assertThatThrownBy(() -> Outcome.readChunk(-1, DONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("chunk size is negative: -1");
        assertThat(Outcome.readChunk(0, DONE)).isInstanceOf(Outcome.ReadChunk.class);
    }

    @Test
    void bodyResultOkOnlyWithoutViolation() {
        assertThat(new BodyResult(10, 10, BodyResult.Violation.NONE).ok()).isTrue();
        assertThat(new BodyResult(10, 10, BodyResult.Violation.TOO_LARGE).ok()).isFalse();
    }

    @Test
    void rejectionNeedsANegativeReplyAndHasNoStack() {
        SmtpRejection rejection = new SmtpRejection(Reply.of(550, "5.1.1", "No such user"));
        assertThat(rejection.getStackTrace()).isEmpty();
        assertThat(rejection).hasMessage("550 5.1.1 No such user");
        assertThatThrownBy(() -> new SmtpRejection(Reply.of(250, "OK")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rejection needs a 4yz or 5yz reply, got 250");
    }

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "30s, PT30S", "5m, PT5M", "1h, PT1H", "2d, PT48H", "90, PT1M30S"})
    void durationsParse(String text, String expected) {
        assertThat(PluginSettings.parseDuration(text)).isEqualTo(Duration.parse(expected));
    }

    @Test
    void settingsErrorsNamePluginKeyAndValue() {
        PluginSettings settings = PluginSettings.of("greylist",
                Map.of("delay", "soon", "max", "lots", "on", "maybe", "size", "10k", "hosts", "a, b"));
        assertThatThrownBy(() -> settings.duration("delay", Duration.ZERO))
                .hasMessage("plugins.greylist.delay: \"soon\" is not a duration (use e.g. 300s, 5m, 1h)");
        assertThatThrownBy(() -> settings.integer("max", 1))
                .hasMessage("plugins.greylist.max: \"lots\" is not a number (optionally with k, m or g)");
        assertThatThrownBy(() -> settings.bool("on", false))
                .hasMessage("plugins.greylist.on: \"maybe\" is not true or false");
        assertThat(settings.longValue("size", 0)).isEqualTo(10240);
        assertThat(settings.list("hosts", List.of())).containsExactly("a", "b");
        assertThat(settings.string("missing", "fallback")).isEqualTo("fallback");
    }

    @Test
    void commandLineAllowanceNormalisesNamesAndBoundsItsSize() {
        assertThat(CommandLineAllowance.of("mail", "size", 26)).isEqualTo(CommandLineAllowance.of("MAIL", "SIZE", 26));
        assertThatThrownBy(() -> CommandLineAllowance.of("MAIL", "SIZE", 0))
                .hasMessage("command-line allowance for SIZE is 0 octets; it must be between 1 and 4096");
        assertThatThrownBy(() -> CommandLineAllowance.of("MAIL", "X", 5000))
                .hasMessage("command-line allowance for X is 5000 octets; it must be between 1 and 4096");
        assertThatThrownBy(() -> CommandLineAllowance.of(" ", "SIZE", 26))
                .hasMessage("a command-line allowance needs a verb and a parameter keyword");
    }
}
