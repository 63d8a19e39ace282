package dev.pillarbox.smtp.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.ReplyCodeComparison.Row;
import org.junit.jupiter.api.Test;

/** Two codes side by side, as printed by {@code explain A B}. */
class ReplyCodeComparisonTest {

    @Test
    void startMailInputVersusCommandUnrecognized() {
        ReplyCodeComparison c = ReplyCode.compare(ReplyCode.of(354), ReplyCode.of(500));

        assertThat(c.left()).isEqualTo(ReplyCode.of(354));
        assertThat(c.right()).isEqualTo(ReplyCode.of(500));
        assertThat(c.rows()).extracting(Row::aspect)
                .containsExactly("Category", "Subject", "Meaning", "When seen", "What to do", "Source");
        assertThat(c.rows().get(0)).isEqualTo(
                new Row("Category", "3yz Positive Intermediate", "5yz Permanent Negative Completion"));
        assertThat(c.rows().get(1)).isEqualTo(new Row("Subject", "x5z Mail system", "x0z Syntax"));
        assertThat(c.rows().get(2)).isEqualTo(
                new Row("Meaning", "Start mail input; end with <CRLF>.<CRLF>", "Syntax error, command unrecognized"));
        assertThat(c.rows().get(3).left()).contains("After DATA");
        assertThat(c.rows().get(3).right()).contains("unknown verb", "over 512 octets");
        assertThat(c.differences()).hasSize(6);

        assertThat(c.render()).startsWith(""
                + "Aspect     | 354                          | 500                          | Same\n"
                + "-----------+------------------------------+------------------------------+-----\n"
                + "Category   | 3yz Positive Intermediate    | 5yz Permanent Negative       | no\n"
                + "           |                              | Completion                   |\n"
                + "Subject    | x5z Mail system              | x0z Syntax                   | no\n"
                + "Meaning    | Start mail input; end with   | Syntax error, command        | no\n"
                + "           | <CRLF>.<CRLF>                | unrecognized                 |\n"
                + "When seen  | After DATA, once MAIL and at | After an unknown verb, a     | no\n"
                + "           | least one RCPT have been     | command line over 512 octets |\n");
        assertThat(c.render().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(79));
    }

    @Test
    void sameCategoryAndSubjectAreMarkedSame() {
        ReplyCodeComparison c = ReplyCodeComparison.of(ReplyCode.of(550), ReplyCode.of(553));

        assertThat(c.rows().get(0).same()).isTrue();
        assertThat(c.rows().get(1).same()).isTrue();
        assertThat(c.differences()).extracting(Row::aspect)
                .containsExactly("Meaning", "When seen", "What to do", "Source");
        assertThat(c.render()).contains("\nCategory   | 5yz Permanent Negative       | 5yz Permanent Negative       | yes\n");
    }

    @Test
    void codeNotInCatalogIsComparedByItsDigits() {
        ReplyCodeComparison c = ReplyCode.compare(ReplyCode.of(299), ReplyCode.of(250));

        assertThat(c.rows().get(0).same()).isTrue();
        assertThat(c.rows().get(1)).isEqualTo(new Row("Subject", "x9z Undefined", "x5z Mail system"));
        assertThat(c.rows().get(2).left()).isEqualTo(ReplyCodeComparison.NOT_IN_CATALOG);
        assertThat(c.render()).contains("Meaning    | (not in catalog)             | Requested mail action okay,  | no\n");
    }

    @Test
    void aCodeComparedWithItselfHasNoDifferences() {
        assertThat(ReplyCode.compare(ReplyCode.of(421), ReplyCode.of(421)).differences()).isEmpty();
    }
}
