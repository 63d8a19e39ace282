package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.Reply;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Envelopes, recipients and the MAIL/RCPT commands made from them. */
class EnvelopeTest {

    private static final Capabilities ALL = Capabilities.ofEhlo(Reply.multiline(250, java.util.List.of("mx",
            "SIZE 100000", "DSN", "SMTPUTF8", "8BITMIME")));
    private static final Capabilities NONE = Capabilities.ofEhlo(Reply.multiline(250, java.util.List.of("mx")));

    @Test
    void mailAndRcptCarryTheParametersTheServerOffers() {
        Envelope envelope = Envelope.builder().from("<alice@example.org>")
                .to(Recipient.parse("bob@example.net").withNotify(DsnNotify.FAILURE, DsnNotify.DELAY)
                        .withOriginalRecipient("Bob+x=y@example.net"))
                .body(BodyType.EIGHT_BIT_MIME).dsnReturn(DsnReturn.HDRS).envelopeId("id 1+2").build();
        assertThat(Commands.mail(envelope, OptionalLong.of(1234), ALL).toString())
                .isEqualTo("MAIL FROM:<alice@example.org> SIZE=1234 BODY=8BITMIME RET=HDRS ENVID=id+201+2B2");
        assertThat(Commands.rcpt(envelope.recipients().get(0), ALL).toString())
                .isEqualTo("RCPT TO:<bob@example.net> NOTIFY=FAILURE,DELAY ORCPT=rfc822;Bob+2Bx+3Dy@example.net");
        assertThat(Commands.mail(envelope, OptionalLong.of(1234), NONE).toString())
                .isEqualTo("MAIL FROM:<alice@example.org> BODY=8BITMIME");
        assertThat(Commands.rcpt(envelope.recipients().get(0), NONE).toString())
                .isEqualTo("RCPT TO:<bob@example.net>");
    }

    @Test
    void utf8AddressesTurnOnSmtpUtf8AndUtf8OriginalRecipients() {
        Envelope envelope = Envelope.builder().from("").to(Recipient.parse("用户@例え.jp")
                .withOriginalRecipient("用户@例え.jp")).build();
        assertThat(envelope.reversePath().isNull()).isTrue();
        assertThat(envelope.smtpUtf8()).isTrue();
        assertThat(Commands.mail(envelope, OptionalLong.empty(), ALL).toString()).isEqualTo("MAIL FROM:<> SMTPUTF8");
        assertThat(Commands.rcpt(envelope.recipients().get(0), ALL).toString())
                .isEqualTo("RCPT TO:<用户@例え.jp> ORCPT=utf-8;\\x{7528}\\x{6237}@\\x{4F8B}\\x{3048}.jp");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "bob                | invalid recipient address \"bob\": ",
        "<bob@example.net   | invalid recipient address \"<bob@example.net\": ",
        "bob@@example.net   | invalid recipient address \"bob@@example.net\": ",
    })
    void invalidAddressesSayWhat(String address, String start) {
        assertThatThrownBy(() -> Recipient.parse(address)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(start);
    }

    @Test
    void dsnValuesAreChecked() {
        Recipient bob = Recipient.parse("bob@example.net");
        assertThatThrownBy(() -> bob.withNotify(DsnNotify.NEVER, DsnNotify.SUCCESS))
                .hasMessage("NOTIFY=NEVER cannot be combined with other values (RFC 3461 4.1)");
        assertThatThrownBy(bob::withNotify).hasMessage("NOTIFY needs at least one value");
        assertThatThrownBy(() -> Envelope.builder().envelopeId("x".repeat(101)))
                .hasMessage("ENVID is longer than RFC 3461 4.4's 100 characters once encoded");
        assertThatThrownBy(() -> Envelope.builder().envelopeId("tab\there"))
                .hasMessage("ENVID must be non-empty printable ASCII: \"tab\there\"");
        assertThatThrownBy(() -> Envelope.builder().from("a@example.org").build())
                .hasMessage("an envelope needs at least one recipient");
    }

    @Test
    void heloNamesAndTimeoutsAreChecked() {
        assertThatThrownBy(() -> ClientSettings.builder().heloName("two words"))
                .hasMessage("HELO name must be one non-empty word without controls: \"two words\"");
        assertThatThrownBy(() -> Timeouts.builder().mail(java.time.Duration.ZERO))
                .hasMessage("MAIL timeout must be positive, not PT0S");
        assertThat(Timeouts.rfc5321().toString()).isEqualTo("Timeouts[connect=PT1M, greeting=PT5M, command=PT5M,"
                + " mail=PT5M, rcpt=PT5M, dataInitiation=PT2M, dataBlock=PT3M, dataTermination=PT10M]");
    }
}
