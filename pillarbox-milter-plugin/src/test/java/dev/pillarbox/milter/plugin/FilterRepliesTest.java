package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.milter.Decision;
import dev.pillarbox.smtp.milter.DefaultAction;
import dev.pillarbox.smtp.plugins.api.HookResult;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of filter decision as the hook's answer. */
class FilterRepliesTest {

    static Stream<Arguments> decisions() {
        Reply reject = Reply.of(554, "5.7.1", "Gtube pattern");
        Reply tempfail = Reply.of(452, "4.3.1", "later");
        Reply closing = Reply.of(421, "4.7.0", "Server closing connection");
        return Stream.of(
                Arguments.of(Decision.CONTINUE, HookResult.Kind.CONTINUE, null),
                Arguments.of(Decision.ACCEPT, HookResult.Kind.CONTINUE, null),
                Arguments.of(Decision.DISCARD, HookResult.Kind.CONTINUE, null),
                Arguments.of(new Decision.Reject(reject), HookResult.Kind.REJECT, reject),
                Arguments.of(new Decision.Tempfail(tempfail), HookResult.Kind.DEFER, tempfail),
                Arguments.of(new Decision.Tempfail(closing), HookResult.Kind.DISCONNECT, closing),
                Arguments.of(new Decision.Shutdown(closing), HookResult.Kind.DISCONNECT, closing),
                Arguments.of(new Decision.Failed("inet:127.0.0.1:1", "down", DefaultAction.ACCEPT),
                        HookResult.Kind.CONTINUE, null),
                Arguments.of(new Decision.Failed("inet:127.0.0.1:1", "down", DefaultAction.TEMPFAIL),
                        HookResult.Kind.DEFER, DefaultAction.TEMPFAIL.reply().orElseThrow()),
                Arguments.of(new Decision.Failed("inet:127.0.0.1:1", "down", DefaultAction.REJECT),
                        HookResult.Kind.REJECT, DefaultAction.REJECT.reply().orElseThrow()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void eachDecisionAnswersTheCommand(Decision decision, HookResult.Kind kind, Reply reply) {
        HookResult result = FilterReplies.envelope(decision);
        assertThat(result.kind()).isEqualTo(kind);
        assertThat(result.reply().orElse(null)).isEqualTo(reply);
    }
}
