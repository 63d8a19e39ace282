package dev.pillarbox.smtp.plugins.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each policy lets a greeting verb accept: STRICT only names (RFC 5321 4.1.1.1), ANY all but nothing. */
class HeloNamePolicyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            STRICT | client.example   | false | accepted
            STRICT | [192.0.2.1]      | false | accepted
            STRICT | b\u00fccher.example  | true  | accepted
            STRICT | b\u00fccher.example  | false | 501 5.5.4 Syntax error: non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4) at position 1; a domain name or address literal is required
            STRICT | x(evil) by fake  | true  | 501 5.5.4 Syntax error: unexpected character '(' after the domain at position 1; a domain name or address literal is required
            STRICT | ''               | true  | 501 5.5.4 Syntax error: a domain name or address literal is required
            ANY    | x(evil) by fake  | false | accepted
            ANY    | a;b              | false | accepted
            ANY    | ''               | false | 501 5.5.4 Syntax error: a domain name or address literal is required
            """)
    void refusal(HeloNamePolicy policy, String argument, boolean utf8, String expected) {
        assertThat(policy.refusal(argument, utf8).map(Reply::toString).orElse("accepted")).isEqualTo(expected);
    }
}
