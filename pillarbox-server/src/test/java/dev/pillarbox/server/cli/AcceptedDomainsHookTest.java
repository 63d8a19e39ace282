package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.plugins.api.HookResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptedDomainsHookTest {

    private static final AcceptedDomainsHook HOOK = AcceptedDomainsHook.of(
            List.of("Example.ORG", "bücher.example", "trailing.example."));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            <a@example.org>              | CONTINUE
            <a@EXAMPLE.org>              | CONTINUE
            <a@xn--bcher-kva.example>    | CONTINUE
            <a@trailing.example>         | CONTINUE
            <Postmaster>                 | CONTINUE
            <postmaster@other.example>   | REJECT 550 5.7.1 Relay access denied
            <a@sub.example.org>          | REJECT 550 5.7.1 Relay access denied
            <a@example.org.evil.example> | REJECT 550 5.7.1 Relay access denied
            <a@[192.0.2.1]>              | REJECT 550 5.1.2 Address literals are not accepted here, use a domain
            """)
    void acceptsOnlyConfiguredDomains(String path, String expected) throws Exception {
        HookResult result = HOOK.onRcpt(null, ForwardPath.parse(path, true), EsmtpParameters.empty());
        assertThat(result.toString()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"<a@anything.example>", "<a@[192.0.2.1]>"})
    void withoutDomainsEveryRecipientIsLeftToTheNextHook(String path) throws Exception {
        HookResult result = AcceptedDomainsHook.of(List.of()).onRcpt(null, ForwardPath.parse(path, true),
                EsmtpParameters.empty());
        assertThat(result.kind()).isEqualTo(HookResult.Kind.CONTINUE);
    }
}
