package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The password file: salted, slow hashes or SCRAM keys, never plaintext; errors name file and line. */
class PasswordFileAuthenticatorTest {

    @TempDir
    Path dir;

    @Test
    void scramEntryVerifiesItsPasswordOnlyAndHoldsNoPlaintext() {
        String line = PasswordFileAuthenticator.scramEntry("alice", "s3cret-Passw0rd", 4096);
        assertThat(line).startsWith("alice:scram-sha-256:4096:").doesNotContain("s3cret");
        assertThat(line.split(":")).hasSize(6);
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(List.of(line), "users");
        assertThat(users.verifyPassword("alice", "s3cret-Passw0rd")).isTrue();
        assertThat(users.verifyPassword("alice", "s3cret-passw0rd")).isFalse();
        assertThat(users.verifyPassword("Alice", "s3cret-Passw0rd")).isFalse();
        assertThat(users.scramSha256("alice")).isPresent();
    }

    @Test
    void pbkdf2EntryVerifiesItsPasswordButOffersNoScramKeys() {
        String line = PasswordFileAuthenticator.pbkdf2Entry("bob", "hunter2-long", 4096);
        assertThat(line).startsWith("bob:pbkdf2-sha256:4096:").doesNotContain("hunter2");
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(List.of(line), "users");
        assertThat(users.verifyPassword("bob", "hunter2-long")).isTrue();
        assertThat(users.verifyPassword("bob", "hunter2")).isFalse();
        assertThat(users.scramSha256("bob")).isEmpty();
    }

    @Test
    void twoEntriesForTheSamePasswordDifferBySalt() {
        assertThat(PasswordFileAuthenticator.scramEntry("a", "same", 4096))
                .isNotEqualTo(PasswordFileAuthenticator.scramEntry("a", "same", 4096));
    }

    @Test
    void unknownUserIsRefused() {
        PasswordFileAuthenticator users = PasswordFileAuthenticator.parse(
                List.of("# nobody yet", "", PasswordFileAuthenticator.scramEntry("alice", "pw-alice", 4096)), "users");
        assertThat(users.size()).isEqualTo(1);
        assertThat(users.verifyPassword("mallory", "pw-alice")).isFalse();
        assertThat(users.scramSha256("mallory")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "alice | users:1: expected user:scheme:..., e.g. user:scram-sha-256:...",
        "alice:plain:secret | users:1: user alice: expected scram-sha-256:<iterations>:<salt>:<StoredKey>:<ServerKey>"
            + " or pbkdf2-sha256:<iterations>:<salt>:<hash>",
        "alice:pbkdf2-sha256:1000:AAAAAAAAAAA=:AAAA | users:1: user alice: iterations must be a number of at least 4096",
        "alice:pbkdf2-sha256:4096:AAAA:AAAA | users:1: user alice: needs a salt of at least 8 bytes and a 32-byte hash",
        "alice:pbkdf2-sha256:4096:!!!!:AAAA | users:1: user alice: Illegal base64 character 21",
        "alice:scram-sha-256:4096:AAAAAAAAAAA=:AAAA:AAAA | users:1: user alice: SCRAM-SHA-256 needs a salt of at least"
            + " 8 bytes and 32-byte keys"})
    void invalidLinesNameFileLineAndProblem(String line, String message) {
        assertThatThrownBy(() -> PasswordFileAuthenticator.parse(List.of(line), "users"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void aUserTwiceIsAnError() {
        String entry = PasswordFileAuthenticator.scramEntry("alice", "pw", 4096);
        assertThatThrownBy(() -> PasswordFileAuthenticator.parse(List.of(entry, "# again", entry), "users"))
                .hasMessage("users:3: user alice appears twice");
    }

    @Test
    void userNamesWithColonsCannotBeWritten() {
        assertThatThrownBy(() -> PasswordFileAuthenticator.scramEntry("a:b", "pw", 4096))
                .hasMessage("a user name must be non-empty, without ':' or control characters");
    }

    @Test
    void loadsAFile() throws Exception {
        Path file = dir.resolve("users");
        Files.write(file, List.of(PasswordFileAuthenticator.pbkdf2Entry("carol", "pw-carol", 4096)));
        assertThat(PasswordFileAuthenticator.load(file).verifyPassword("carol", "pw-carol")).isTrue();
    }

    @Test
    void theOneLinerPrintsAnEntryForThePasswordOnStandardInput() throws Exception {
        String line = oneLiner("typed-password\n", "--iterations", "4096", "dave").strip();
        assertThat(line).startsWith("dave:scram-sha-256:4096:");
        assertThat(PasswordFileAuthenticator.parse(List.of(line), "stdout").verifyPassword("dave", "typed-password"))
                .isTrue();
    }

    @Test
    void theOneLinerDefaultsToACountCyrusSaslClientsAccept() throws Exception {
        // Cyrus SASL refuses more than 65,536 ("iteration-count is too big, refusing to compute")
        assertThat(oneLiner("typed-password\n", "erin")).startsWith("erin:scram-sha-256:65536:");
    }

    /** What {@code PasswordFileAuthenticator.main(args)} prints, given {@code stdin}. */
    private static String oneLiner(String stdin, String... args) throws Exception {
        InputStream in = System.in;
        PrintStream stdout = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            PasswordFileAuthenticator.main(args);
        } finally {
            System.setIn(in);
            System.setOut(stdout);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A scram-sha-256 line with made-up keys and the given count (no PBKDF2 work). */
    private static String scramLine(String user, int iterations) {
        byte[] key = new byte[32];
        return user + ":scram-sha-256:" + ScramCredentials.of(new byte[16], iterations, key, key).fields();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            4096                | 4096
            4096 4096 8192      | 4096
            8192 4096           | 8192
            65536 210000 65536  | 65536
            ''                  | 65536
            """)
    void unknownUsersAreOfferedTheCountMostScramEntriesUse(String counts, int offered) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(PasswordFileAuthenticator.pbkdf2Entry("plain-only", "pw", 4096));
        String[] each = counts.isEmpty() ? new String[0] : counts.split(" ");
        for (int i = 0; i < each.length; i++) {
            lines.add(scramLine("user" + i, Integer.parseInt(each[i])));
        }
        assertThat(PasswordFileAuthenticator.parse(lines, "users").scramIterations()).isEqualTo(offered);
    }

    @Test
    void warningsNameMixedCountsAndCountsCyrusSaslRefuses() {
        assertThat(PasswordFileAuthenticator.parse(List.of(scramLine("a", 4096), scramLine("b", 4096)), "users")
                .warnings()).isEmpty();
        assertThat(PasswordFileAuthenticator.parse(List.of(scramLine("a", 4096), scramLine("b", 210_000),
                scramLine("c", 210_000)), "users").warnings()).containsExactly(
                "users: the scram-sha-256 entries use different iteration counts ([4096, 210000]), so SCRAM's i="
                        + " tells users of the less common counts apart from unknown ones; re-create them with one"
                        + " count",
                "users: 2 scram-sha-256 entries use more than 65536 iterations, which clients using Cyrus SASL"
                        + " (Postfix, mutt) refuse; re-create them with the default count");
    }
}
