package dev.pillarbox.smtp.plugins.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HookResultTest {

    private static final Reply REJECT = Reply.of(550, "5.7.1", "No");
    private static final Reply DEFER = Reply.of(451, "4.7.1", "Later");

    @Test
    void factoriesCheckTheReplyClass() {
        assertThatThrownBy(() -> HookResult.reject(DEFER)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("reject needs a 5yz reply, got 451");
        assertThatThrownBy(() -> HookResult.defer(REJECT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("defer needs a 4yz reply, got 550");
        assertThatThrownBy(() -> HookResult.accept(REJECT)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("accept needs a 2yz or 3yz reply, got 550");
        assertThatThrownBy(() -> HookResult.disconnect(Reply.of(250, "OK")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("disconnect needs a 4yz or 5yz reply, got 250");
    }

    @Test
    void perRecipientNeedsNegativeReplies() {
        Recipient bob = new Recipient(ForwardPath.postmaster(), EsmtpParameters.empty());
        assertThat(HookResult.perRecipient(Map.of(bob, REJECT)).recipientReplies()).containsEntry(bob, REJECT);
        assertThatThrownBy(() -> HookResult.perRecipient(Map.of(bob, Reply.of(250, "OK"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("per-recipient result for <Postmaster> needs a 4yz or 5yz reply, got 250");
    }
}
