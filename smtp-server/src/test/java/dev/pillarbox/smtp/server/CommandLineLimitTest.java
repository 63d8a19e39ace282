package dev.pillarbox.smtp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.plugins.api.CommandLineAllowance;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The sessions' command-line limit: the configured one widened by the enabled parameters (RFC 5321 4.5.3.1.4). */
class CommandLineLimitTest {

    static Stream<Arguments> cases() {
        CommandLineAllowance size = CommandLineAllowance.of("MAIL", "SIZE", 26);
        CommandLineAllowance envid = CommandLineAllowance.of("MAIL", "ENVID", 107);
        CommandLineAllowance orcpt = CommandLineAllowance.of("RCPT", "ORCPT", 507);
        CommandLineAllowance notify = CommandLineAllowance.of("RCPT", "NOTIFY", 29);
        return Stream.of(
                Arguments.of(512, Set.of(), 512),
                Arguments.of(512, Set.of(size), 538),
                Arguments.of(512, Set.of(size, envid), 645),
                // the verbs do not add up: one line is either a MAIL or a RCPT
                Arguments.of(512, Set.of(size, envid, orcpt, notify), 1048),
                Arguments.of(2048, Set.of(orcpt), 2555));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void configuredLimitPlusTheLargestSumForOneVerb(int configured, Set<CommandLineAllowance> allowances,
            int expected) {
        assertThat(SmtpServer.commandLineLimit(configured, allowances)).isEqualTo(expected);
    }
}
