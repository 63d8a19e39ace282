package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The example of the module's Javadoc overview (src/main/javadoc/overview.html), verbatim, compiled and run. */
class OverviewExampleTest {

    @Test
    void overviewExample() throws Exception {
        ForwardPath recipient = ForwardPath.parse("<bob@example.net>");
        Mailbox bob = recipient.mailbox().orElseThrow();
        ReplyCode code = ReplyCode.of(451);
        boolean retryLater = code.isTransient();
        String advice = code.info().orElseThrow().howToFix();
        Reply reply = Reply.of(250, "2.1.5", "Recipient OK");

        assertThat(bob.localPart()).isEqualTo("bob");
        assertThat(bob.host()).isEqualTo("example.net");
        assertThat(retryLater).isTrue();
        assertThat(advice).isNotBlank();
        assertThat(reply.enhancedCode()).map(Object::toString).hasValue("2.1.5");
    }
}
