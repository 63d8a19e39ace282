package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.pillarbox.smtp.core.ReplyCode;
import dev.pillarbox.smtp.core.ReplyCodeCatalog;
import dev.pillarbox.smtp.core.ReplyCodeComparison;
import dev.pillarbox.smtp.testing.SmtpTestClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Runs the command line in process with captured output, an injected environment and no System.exit. */
class MainTest {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, ServeCommand.Waiter waiter, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, waiter).execute(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs without starting to wait: a serve that gets this far fails the test. */
    private static Run run(String... args) {
        return run(Map.of(), server -> {
            throw new AssertionError("the server started for " + List.of(args));
        }, args);
    }

    /** The root level of the suite's logback-test.xml, which serve's --log-level changes. */
    private final Level rootLevel = root().getLevel();

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    @AfterEach
    void restoreLogLevel() {
        root().setLevel(rootLevel);
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("Usage: pillarbox-server [-hV] [COMMAND]")
                .contains("serve", "explain", "send ", "load ", "Exit status: 0 ok, 1 the server could not start (send,"
                        + " load: the server could\nnot be reached), 2 usage or configuration error;");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void serveHelpListsEveryFlag() {
        Run r = run("serve", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--config=FILE", "--listen=HOST:PORT", "--maildir=DIR", "--hostname=NAME",
                "--store=STORE", "--log-level=LEVEL", "maildir (default), rabbitmq", "--web=HOST:PORT");
    }

    @Test
    void versionPrintsTheProgramAndJava() {
        Run r = run("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("pillarbox-server ").contains("Java " + Runtime.version());
    }

    static Stream<Arguments> usageErrors() {
        return Stream.of(
                Arguments.of(List.of("--bogus"), "Unknown option: '--bogus'"),
                Arguments.of(List.of("serve", "--listen"), "Missing required parameter for option '--listen' (HOST:PORT)"),
                Arguments.of(List.of("--store", "disk"), "pillarbox-server: --store: \"disk\" is not one of maildir, discard"),
                Arguments.of(List.of("--log-level", "loud"),
                        "pillarbox-server: --log-level: \"loud\" is not one of trace, debug, info, warn, error"),
                Arguments.of(List.of("--listen", "localhost"), "pillarbox-server: --listen: \"localhost\" is not a "
                        + "listen address (use HOST:PORT, e.g. 127.0.0.1:2525 or [::1]:2525, optionally prefixed "
                        + "smtp:// or lmtp://)"),
                Arguments.of(List.of("serve", "--web", "0.0.0.0:8025"), "pillarbox-server: refusing to start: the web "
                        + "inbox on 0.0.0.0:8025 is not on a loopback address and has no login, so anyone who can "
                        + "reach it could read and delete every message; set web-user and web-password (HTTP Basic) "
                        + "or serve it on 127.0.0.1 or [::1] only"),
                Arguments.of(List.of("--web", "8025"), "pillarbox-server: --web: \"8025\" is not an HTTP listen "
                        + "address (use HOST:PORT, e.g. 127.0.0.1:8025 or [::1]:8025)"),
                Arguments.of(List.of("--hostname", "mx example"),
                        "pillarbox-server: hostname must be a non-empty ASCII name without spaces: \"mx example\""),
                Arguments.of(List.of("explain"), "Missing required parameter: 'CODE'"),
                Arguments.of(List.of("explain", "250", "354", "500"), "Unmatched argument at index 3: '500'"),
                Arguments.of(List.of("explain", "abc"), "explain: reply code \"abc\" is not three digits (use a reply "
                        + "code such as 250, 354 or 550)"),
                Arguments.of(List.of("explain", "199"), "explain: reply code 199 is outside 200-599 (RFC 5321 4.2: "
                        + "first digit 2, 3, 4 or 5) (use a reply code such as 250, 354 or 550)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usageErrors")
    void usageErrorNamesTheFlagAndExitsTwo(List<String> args, String message) {
        Run r = run(args.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.err()).startsWith(message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void nonLoopbackListenerWithoutAcceptedDomainsIsRefusedBeforeBinding() {
        Run r = run("--listen", "0.0.0.0:2525");
        assertThat(r.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.err()).isEqualTo("pillarbox-server: refusing to start: listener smtp on 0.0.0.0:2525 is not a "
                + "loopback address and no accepted-domains are configured, so the server would accept mail for "
                + "any domain from the network; set accepted-domains (e.g. accepted-domains: [example.org]) or "
                + "listen on 127.0.0.1 or [::1] only" + System.lineSeparator());
    }

    @Test
    void invalidEnvironmentVariableFailsStartUp() {
        Run r = run(Map.of("PILLARBOX_LIMITS_MAX_RECIPIENTS", "lots"), server -> {
            throw new AssertionError("started");
        });
        assertThat(r.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.err()).startsWith("pillarbox-server: PILLARBOX_LIMITS_MAX_RECIPIENTS (limits.max-recipients): "
                + "\"lots\" is not a number");
    }

    @Test
    void misspelledKeyInTheConfigFileFailsStartUp() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "limits:\n  max-mesage-size: 10m\n");
        Run r = run("--config", file.toString());
        assertThat(r.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.err()).startsWith("pillarbox-server: unknown key 'limits.max-mesage-size' (known: "
                + "limits.auth-line, ");
    }

    @Test
    void unknownPluginFailsStartUpAndListsTheAvailableOnes() throws Exception {
        Path file = Files.writeString(dir.resolve("p.yaml"), "plugins:\n  enabled: [no-such-plugin]\n");
        Run r = run("--config", file.toString(), "--listen", "127.0.0.1:0", "--maildir", dir.resolve("m").toString());
        assertThat(r.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(r.err()).startsWith("pillarbox-server: unknown plugin no-such-plugin in the configuration "
                + "(available: ");
    }

    @Test
    void unusableMaildirFailsStartUpWithStatusOne() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        Run r = run("--listen", "127.0.0.1:0", "--maildir", file.resolve("mail").toString());
        assertThat(r.status()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).startsWith("pillarbox-server: cannot start: java.io.IOException: cannot create the "
                + "Maildir " + file.resolve("mail").toAbsolutePath());
    }

    @Test
    void portAlreadyInUseFailsStartUpWithStatusOneNamingTheAddress() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            String address = "127.0.0.1:" + taken.getLocalPort();
            Run r = run("--listen", address, "--maildir", dir.resolve("mail").toString());
            assertThat(r.status()).isEqualTo(Main.FAILURE);
            assertThat(r.err()).startsWith("pillarbox-server: cannot start: ").contains(address);
        }
    }

    @Test
    void pluginsListsEveryPluginWithItsDescriptionAndSettings() {
        Run r = run("plugins");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains(
                "starttls - ",
                "    plugins.starttls.protocols = TLSv1.3, TLSv1.2\n        allowed TLS versions\n",
                "    plugins.auth.users-file = (required)\n",
                "size - ", "(on by default)",
                "lmtp - ", "required by LMTP listeners",
                "test-rewrite - Test only: adds a header field and replaces the body with generated lines\n"
                        + "    (no settings)\n");
        List<String> names = r.out().lines().filter(line -> !line.startsWith(" ")).map(l -> l.split(" - ")[0])
                .toList();
        assertThat(names).as("one line per plugin, by name").isSorted().contains("8bitmime", "auth", "chunking",
                "dsn", "starttls", "test-rewrite");
    }

    @Test
    void explainOneCodePrintsTheCatalogEntry() {
        Run r = run("explain", "354");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(ReplyCodeCatalog.lookup(354).orElseThrow().render());
        assertThat(r.out()).startsWith("354 Start mail input");
    }

    @Test
    void explainTwoCodesPrintsThemSideBySide() {
        Run r = run("explain", "354", "500");
        assertThat(r.status()).isZero();
        assertThat(r.out()).isEqualTo(ReplyCodeComparison.of(ReplyCode.of(354), ReplyCode.of(500)).render());
        assertThat(r.out()).contains("354", "500", "Category");
    }

    @Test
    void explainACodeOutsideTheCatalogSaysWhatItsDigitsMean() {
        Run r = run("explain", "299");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("299 (not in catalog)\n  Category:   2yz ");
    }

    @Test
    void serveIsTheDefaultCommandAndDeliversToTheMaildir() {
        Path maildir = dir.resolve("mail");
        AtomicReference<String> reply = new AtomicReference<>();
        Run r = run(Map.of(), server -> {
            try (SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
                reply.set(client.data("Subject: via main\r\n\r\nhello\r\n").toString());
            }
        }, "--listen", "127.0.0.1:0", "--maildir", maildir.toString(), "--hostname", "mx.test", "--log-level",
                "warn");
        assertThat(r.status()).isZero();
        assertThat(reply.get()).startsWith("250 2.0.0 ");
        assertThat(maildir.resolve("new").toFile().list()).hasSize(1).allMatch(name -> name.endsWith(".mx.test"));
    }

    @Test
    void logLevelFlagSetsTheRootLevel() {
        AtomicReference<Level> level = new AtomicReference<>();
        Run r = run(Map.of("PILLARBOX_LOG_LEVEL", "error"), server -> level.set(
                ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).getLevel()),
                "--listen", "127.0.0.1:0", "--maildir", dir.resolve("mail").toString(), "--log-level", "debug");
        assertThat(r.status()).isZero();
        assertThat(level.get()).as("the flag wins over PILLARBOX_LOG_LEVEL").isEqualTo(Level.DEBUG);
    }

    @Test
    void discardStoreKeepsNothing() {
        Path maildir = dir.resolve("mail");
        AtomicReference<String> reply = new AtomicReference<>();
        Run r = run(Map.of("PILLARBOX_STORE", "discard"), server -> {
            try (SmtpTestClient client = SmtpTestClient.inTransaction(server.boundAddresses().get(0))) {
                reply.set(client.data("Subject: gone\r\n\r\nhello\r\n").toString());
            }
        }, "--listen", "127.0.0.1:0", "--maildir", maildir.toString(), "--log-level", "warn");
        assertThat(r.status()).isZero();
        assertThat(reply.get()).startsWith("250 2.0.0 ");
        assertThat(maildir).doesNotExist();
    }

    @Test
    void mainPointsLogbackAtTheServerConfigurationUnlessOneIsNamed() {
        Properties none = new Properties();
        Main.useServerLogging(none);
        assertThat(none.getProperty("logback.configurationFile")).isEqualTo(Main.LOGGING_CONFIGURATION);
        assertThat(Main.class.getClassLoader().getResource(Main.LOGGING_CONFIGURATION)).isNotNull();

        Properties named = new Properties();
        named.setProperty("logback.configurationFile", "/etc/pillarbox/logback.xml");
        Main.useServerLogging(named);
        assertThat(named.getProperty("logback.configurationFile")).isEqualTo("/etc/pillarbox/logback.xml");
    }

    @Test
    void theLibraryShipsNoRootLogbackXml() {
        // an application embedding smtp-server keeps its own logging configuration
        assertThat(Main.class.getClassLoader().getResource("logback.xml")).isNull();
    }
}
