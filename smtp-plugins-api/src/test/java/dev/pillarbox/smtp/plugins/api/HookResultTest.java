package dev.pillarbox.smtp.plugins.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HookResultTest {

    private static final Reply REJECT = Reply.of(550, "5.7.1", "No");
    private static final Reply DEFER = Reply.of(451, "4.7.1", "Later");
    private static final Reply BYE = Reply.of(421, "4.7.0", "Bye");

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
    void refusalIsTheReplyOrReplyThenClose() {
        assertThat(HookResult.reject(REJECT).refusal()).contains(Outcome.reply(REJECT));
        assertThat(HookResult.defer(DEFER).refusal()).contains(Outcome.reply(DEFER));
        assertThat(HookResult.disconnect(BYE).refusal()).contains(Outcome.replyThenClose(BYE));
        assertThat(HookResult.next().refusal()).isEmpty();
        assertThat(HookResult.accept().refusal()).isEmpty();
    }

    @Test
    void replyOrPrefersTheHooksPositiveReply() {
        Reply own = Reply.of(250, "2.1.5", "Welcome");
        Reply builtIn = Reply.of(250, "2.1.5", "Recipient OK");
        assertThat(HookResult.accept(own).replyOr(builtIn)).isEqualTo(own);
        assertThat(HookResult.accept().replyOr(builtIn)).isEqualTo(builtIn);
        assertThat(HookResult.next().replyOr(builtIn)).isEqualTo(builtIn);
    }

    @Test
    void firstDecisionStopsAtTheFirstHookWithAnOpinion() {
        List<String> calls = new ArrayList<>();
        List<RcptHook> hooks = List.of(rcpt(10, "a", HookResult.next(), calls),
                rcpt(20, "b", HookResult.reject(REJECT), calls), rcpt(30, "c", HookResult.accept(), calls));
        HookResult result = HookResult.firstDecision(hooks, h -> h.onRcpt(null, ForwardPath.postmaster(),
                EsmtpParameters.empty()));
        assertThat(result.kind()).isEqualTo(HookResult.Kind.REJECT);
        assertThat(calls).containsExactly("a", "b");
    }

    @Test
    void firstDecisionOfNoHooksIsContinue() {
        assertThat(HookResult.firstDecision(List.<RcptHook>of(), h -> HookResult.accept()).kind())
                .isEqualTo(HookResult.Kind.CONTINUE);
    }

    @Test
    void perRecipientNeedsNegativeReplies() {
        Recipient bob = new Recipient(ForwardPath.postmaster(), EsmtpParameters.empty());
        assertThat(HookResult.perRecipient(Map.of(bob, REJECT)).recipientReplies()).containsEntry(bob, REJECT);
        assertThatThrownBy(() -> HookResult.perRecipient(Map.of(bob, Reply.of(250, "OK"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("per-recipient result for <Postmaster> needs a 4yz or 5yz reply, got 250");
    }

    @Test
    void hooksAreOrderedByOrderThenClassName() {
        Hook b = new HookB();
        Hook a = new HookA();
        Hook early = () -> -5;
        assertThat(Hook.inOrder(Set.of(b, a, early))).containsExactly(early, a, b);
    }

    static final class HookA implements Hook {
        @Override
        public int order() {
            return 100;
        }
    }

    static final class HookB implements Hook {
        @Override
        public int order() {
            return 100;
        }
    }

    private static RcptHook rcpt(int order, String name, HookResult result, List<String> calls) {
        return new RcptHook() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
                calls.add(name);
                return result;
            }
        };
    }
}
