package dev.pillarbox.smtp.plugins.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.Hook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HooksTest {

    private static final Reply REJECT = Reply.of(550, "5.7.1", "No");
    private static final Reply DEFER = Reply.of(451, "4.7.1", "Later");
    private static final Reply BYE = Reply.of(421, "4.7.0", "Bye");

    @Test
    void refusalIsTheReplyOrReplyThenClose() {
        assertThat(Hooks.refusal(HookResult.reject(REJECT))).contains(Outcome.reply(REJECT));
        assertThat(Hooks.refusal(HookResult.defer(DEFER))).contains(Outcome.reply(DEFER));
        assertThat(Hooks.refusal(HookResult.disconnect(BYE))).contains(Outcome.replyThenClose(BYE));
        assertThat(Hooks.refusal(HookResult.next())).isEmpty();
        assertThat(Hooks.refusal(HookResult.accept())).isEmpty();
    }

    @Test
    void replyOrPrefersTheHooksPositiveReply() {
        Reply own = Reply.of(250, "2.1.5", "Welcome");
        Reply builtIn = Reply.of(250, "2.1.5", "Recipient OK");
        assertThat(Hooks.replyOr(HookResult.accept(own), builtIn)).isEqualTo(own);
        assertThat(Hooks.replyOr(HookResult.accept(), builtIn)).isEqualTo(builtIn);
        assertThat(Hooks.replyOr(HookResult.next(), builtIn)).isEqualTo(builtIn);
    }

    @Test
    void firstDecisionStopsAtTheFirstHookWithAnOpinion() {
        List<String> calls = new ArrayList<>();
        List<RcptHook> hooks = List.of(rcpt(10, "a", HookResult.next(), calls),
                rcpt(20, "b", HookResult.reject(REJECT), calls), rcpt(30, "c", HookResult.accept(), calls));
        HookResult result = Hooks.firstDecision(hooks, h -> h.onRcpt(null, ForwardPath.postmaster(),
                EsmtpParameters.empty()));
        assertThat(result.kind()).isEqualTo(HookResult.Kind.REJECT);
        assertThat(calls).containsExactly("a", "b");
    }

    @Test
    void firstDecisionOfNoHooksIsContinue() {
        assertThat(Hooks.firstDecision(List.<RcptHook>of(), h -> HookResult.accept()).kind())
                .isEqualTo(HookResult.Kind.CONTINUE);
    }

    @Test
    void hooksAreOrderedByOrderThenClassName() {
        Hook b = new HookB();
        Hook a = new HookA();
        Hook early = new Hook() {
            @Override
            public int order() {
                return -5;
            }
        };
        assertThat(Hooks.inOrder(Set.of(b, a, early))).containsExactly(early, a, b);
    }

    @Test
    void namedPositionsRunInTheirOrderAndNormalIsTheDefault() {
        Hook last = at(HookPosition.LAST);
        Hook normal = new Hook() { };
        Hook first = at(HookPosition.FIRST);
        Hook late = at(HookPosition.LATE);
        Hook early = at(HookPosition.EARLY);
        assertThat(normal.position()).isEqualTo(HookPosition.NORMAL);
        assertThat(Hooks.inOrder(List.of(last, normal, first, late, early)))
                .containsExactly(first, early, normal, late, last);
    }

    private static Hook at(HookPosition position) {
        return new Hook() {
            @Override
            public HookPosition position() {
                return position;
            }
        };
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
