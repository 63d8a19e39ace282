package dev.pillarbox.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.pillarbox.smtp.codec.CodecLimits;
import dev.pillarbox.smtp.codec.LineEndingPolicy;
import dev.pillarbox.smtp.codec.LongLinePolicy;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.Networks;
import dev.pillarbox.smtp.server.PipeliningPolicy;
import dev.pillarbox.smtp.server.ServerSettings;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static ReferenceConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", Map.of(), "host.test");
    }

    private static ReferenceConfig parse(String yaml, Map<String, String> env) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", env, "host.test");
    }

    private static String error(String yaml) {
        return error(yaml, Map.of());
    }

    private static String error(String yaml, Map<String, String> env) {
        try {
            parse(yaml, env);
        } catch (ConfigException e) {
            return e.getMessage();
        }
        throw new AssertionError("no ConfigException for: " + yaml + " " + env);
    }

    @Test
    void emptyConfigurationGivesDocumentedDefaults() throws Exception {
        ReferenceConfig config = parse("");
        ServerSettings s = config.server();
        assertThat(s.hostname()).isEqualTo("host.test");
        assertThat(s.listeners()).extracting(ListenerSettings::name, l -> l.address().getHostAddress(),
                ListenerSettings::port, ListenerSettings::protocol)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smtp", "127.0.0.1", 2525, Protocol.SMTP));
        assertThat(s.codecLimits()).isEqualTo(CodecLimits.defaults());
        assertThat(s.maxRecipients()).isEqualTo(100);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.minDataRate()).isEqualTo(500);
        assertThat(s.junkCommandLimit()).isEqualTo(100);
        assertThat(s.pipelining()).isEqualTo(PipeliningPolicy.REJECT);
        assertThat(s.plugins()).isEmpty();
        assertThat(config.store()).isEqualTo(StoreKind.MAILDIR);
        assertThat(config.maildir()).isEqualTo(Path.of("mail"));
        assertThat(config.acceptedDomains()).isEmpty();
        assertThat(config.logLevel()).isEqualTo("INFO");
        assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(config.metrics()).isEmpty();
        assertThat(config.loopbackOnly()).isTrue();
    }

    @Test
    void metricsAddressAndJsonLogsFromTheFileOrTheEnvironment() throws Exception {
        ReferenceConfig config = parse("metrics: 127.0.0.1:9025\nlog-format: json\n");
        assertThat(config.metrics()).contains(new InetSocketAddress("127.0.0.1", 9025));
        assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(config.describe()).contains("  log-format: json\n",
                "  metrics: http://127.0.0.1:9025 (/metrics, /health/live, /health/ready)");
        ReferenceConfig fromEnv = parse("", Map.of("PILLARBOX_METRICS", "[::1]:9100", "PILLARBOX_LOG_FORMAT", "text"));
        assertThat(fromEnv.metrics()).contains(new InetSocketAddress("::1", 9100));
        assertThat(fromEnv.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(parse("metrics: ''\n").metrics()).as("empty: off").isEmpty();
    }

    @Test
    void exampleFileShippedWithTheServerLoadsAndSaysWhatItMeans() throws Exception {
        String yaml;
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/pillarbox-example.yaml")) {
            assertThat(in).as("pillarbox-example.yaml on the class path").isNotNull();
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ReferenceConfig config = parse(yaml);
        ServerSettings s = config.server();
        assertThat(s.hostname()).isEqualTo("mx.example.org");
        assertThat(s.listeners()).extracting(ListenerSettings::name, l -> ReferenceConfig.hostPort(l.address(), l.port()),
                ListenerSettings::protocol)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("smtp", "127.0.0.1:2525", Protocol.SMTP),
                        org.assertj.core.groups.Tuple.tuple("smtp-ipv6", "[0:0:0:0:0:0:0:1]:2525", Protocol.SMTP),
                        org.assertj.core.groups.Tuple.tuple("lmtp", "127.0.0.1:2424", Protocol.LMTP));
        assertThat(config.acceptedDomains()).containsExactly("example.org", "example.net");
        assertThat(s.codecLimits().maxMessageSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(s.codecLimits().longLines()).isEqualTo(LongLinePolicy.ACCEPT);
        assertThat(s.codecLimits().lineEndings()).isEqualTo(LineEndingPolicy.STRICT);
        assertThat(s.greetPause()).isEqualTo(Duration.ZERO);
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.maxConnectionsPerClient()).isEqualTo(50);
        assertThat(s.trustedNetworks()).isEqualTo(Networks.LOOPBACK);
        assertThat(s.oversizeDrain()).isEqualTo(ServerSettings.DEFAULT_OVERSIZE_DRAIN);
        assertThat(s.junkCommandLimit()).isEqualTo(100);
        assertThat(s.minDataRate()).isEqualTo(500);
        assertThat(s.heloNames()).isEqualTo(HeloNamePolicy.STRICT);
        assertThat(config.maildir()).isEqualTo(Path.of("./mail"));
        assertThat(config.loopbackOnly()).isTrue();
    }

    @Test
    void everyKeyIsRead() throws Exception {
        ReferenceConfig config = parse(String.join("\n",
                "hostname: mx.test",
                "listeners: ['[::1]:2526']",
                "accepted-domains: Example.ORG",
                "store: discard",
                "maildir: /var/mail/pillarbox",
                "log-level: DEBUG",
                "improper-pipelining: log-only",
                "helo-names: any",
                "limits:",
                "  max-message-size: 512k",
                "  max-recipients: 250",
                "  command-line: 2048",
                "  auth-line: 4096",
                "  text-line: 998",
                "  long-lines: reject",
                "  line-endings: lenient-body",
                "  hard-errors: 3",
                "  junk-commands: 20",
                "  oversize-drain: 1m",
                "timeouts: {idle: 30s, min-data-rate: 250, greet-pause: 250ms, shutdown-grace: 1m}",
                "connections: {max: 7, max-per-client: 2, trusted-networks: [10.0.0.0/8, \"fd00::/8\"]}",
                "plugins:",
                "  enabled: [xstats]",
                "  disabled: size",
                "  greylist:",
                "    delay: 5m",
                "    networks: [192.0.2.0/24]"));
        ServerSettings s = config.server();
        assertThat(s.hostname()).isEqualTo("mx.test");
        assertThat(s.heloNames()).isEqualTo(HeloNamePolicy.ANY);
        assertThat(ReferenceConfig.hostPort(s.listeners().get(0).address(), s.listeners().get(0).port()))
                .isEqualTo("[0:0:0:0:0:0:0:1]:2526");
        assertThat(config.acceptedDomains()).containsExactly("example.org");
        assertThat(config.store()).isEqualTo(StoreKind.DISCARD);
        assertThat(config.maildir()).isEqualTo(Path.of("/var/mail/pillarbox"));
        assertThat(config.logLevel()).isEqualTo("DEBUG");
        assertThat(s.pipelining()).isEqualTo(PipeliningPolicy.LOG_ONLY);
        assertThat(s.codecLimits()).isEqualTo(new CodecLimits(2048, 4096, 998, 512 * 1024, LongLinePolicy.REJECT,
                LineEndingPolicy.LENIENT_BODY));
        assertThat(s.maxRecipients()).isEqualTo(250);
        assertThat(s.hardErrorLimit()).isEqualTo(3);
        assertThat(s.junkCommandLimit()).isEqualTo(20);
        assertThat(s.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.minDataRate()).isEqualTo(250);
        assertThat(s.greetPause()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.shutdownGrace()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.maxConnections()).isEqualTo(7);
        assertThat(s.maxConnectionsPerClient()).isEqualTo(2);
        assertThat(s.trustedNetworks()).isEqualTo(Networks.of("10.0.0.0/8", "fd00::/8"));
        assertThat(s.oversizeDrain()).isEqualTo(1024 * 1024);
        assertThat(s.plugins().keySet()).containsExactlyInAnyOrder("xstats", "greylist");
        assertThat(s.plugins().get("greylist").duration("delay", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.plugins().get("greylist").list("networks", List.of())).containsExactly("192.0.2.0/24");
        assertThat(s.plugins().get("xstats").keys()).isEmpty();
        assertThat(s.disabledPlugins()).containsExactly("size");
    }

    @Test
    void misspelledKeyIsRejectedWithTheKnownKeysOfItsSection() {
        assertThat(error("limits:\n  max-mesage-size: 10m\n")).isEqualTo("unknown key 'limits.max-mesage-size' "
                + "(known: limits.auth-line, limits.command-line, limits.hard-errors, limits.junk-commands, "
                + "limits.line-endings, limits.long-lines, limits.max-message-size, limits.max-recipients, limits.oversize-drain, limits.text-line)");
    }

    @Test
    void misspelledTopLevelKeyIsRejected() {
        assertThat(error("hostnme: mx.test\n")).isEqualTo("unknown key 'hostnme' (known: accepted-domains, "
                + "connections, delivery, helo-names, hostname, improper-pipelining, limits, listeners, log-format, "
                + "log-level, maildir, metrics, plugins, rabbitmq, state, state-prefix, state-timeout, store, timeouts, "
                + "web, web-password, web-user)");
    }

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                arguments("limits: {max-recipients: lots}",
                        "limits.max-recipients: \"lots\" is not a number"),
                arguments("limits: {max-recipients: 0}",
                        "limits.max-recipients: \"0\" is not a positive number"),
                arguments("limits: {max-recipients: 1.5}",
                        "limits.max-recipients: \"1.5\" is not a number"),
                arguments("limits: {max-message-size: ten}",
                        "limits.max-message-size: \"ten\" is not a size (use e.g. 10485760, 512k, 10m, 1g)"),
                arguments("limits: {long-lines: maybe}",
                        "limits.long-lines: \"maybe\" is not one of reject, accept"),
                arguments("limits: {line-endings: lf}",
                        "limits.line-endings: \"lf\" is not one of strict, lenient-body"),
                arguments("limits: {command-line: 3}",
                        "limits: commandLine limit 3 is below 6 octets (a four-letter verb and CRLF)"),
                arguments("timeouts: {idle: soon}",
                        "timeouts.idle: \"soon\" is not a duration (use e.g. 300s, 5m, 1h)"),
                arguments("timeouts: {idle: 0s}",
                        "timeouts.idle: \"0s\" is not a positive duration"),
                arguments("connections: {max: -1}",
                        "connections.max: \"-1\" is not a positive number"),
                arguments("connections: {trusted-networks: [127.0.0.1/8]}",
                        "connections.trusted-networks: \"127.0.0.1/8\": 127.0.0.1/8 has host bits set: the network is"
                                + " 127.0.0.0/8"),
                arguments("connections: {trusted-networks: [localhost]}",
                        "connections.trusted-networks: \"localhost\" is not an IP address or network (e.g."
                                + " 192.0.2.0/24, 2001:db8::/32, ::1)"),
                arguments("limits: {oversize-drain: lots}",
                        "limits.oversize-drain: \"lots\" is not a size (use e.g. 10485760, 512k, 10m, 1g)"),
                arguments("store: disk",
                        "store: \"disk\" is not one of maildir, discard, rabbitmq"),
                arguments("log-level: loud",
                        "log-level: \"loud\" is not one of trace, debug, info, warn, error"),
                arguments("log-format: xml",
                        "log-format: \"xml\" is not one of text, json"),
                arguments("metrics: 9025",
                        "metrics: \"9025\" is not an HTTP listen address (use HOST:PORT, e.g. 127.0.0.1:9025 or"
                                + " [::1]:9025)"),
                arguments("metrics: http://127.0.0.1:9025",
                        "metrics: \"http://127.0.0.1:9025\" is not an HTTP listen address (use HOST:PORT, e.g."
                                + " 127.0.0.1:9025 or [::1]:9025)"),
                arguments("improper-pipelining: ignore",
                        "improper-pipelining: \"ignore\" is not one of reject, log-only"),
                arguments("helo-names: loose",
                        "helo-names: \"loose\" is not one of strict, any"),
                arguments("hostname: mx example",
                        "hostname must be a non-empty ASCII name without spaces: \"mx example\""),
                arguments("hostname: [a, b]",
                        "hostname: \"[a, b]\" is not a single value"),
                arguments("accepted-domains: [exa_mple.org]",
                        "accepted-domains: \"exa_mple.org\" is not a domain name (e.g. example.org)"),
                arguments("limits: {junk-commands: -1}",
                        "limits.junk-commands: \"-1\" is not 0 (off) or a positive number"),
                arguments("limits: {junk-commands: many}",
                        "limits.junk-commands: \"many\" is not a number"),
                arguments("timeouts: {min-data-rate: -5}",
                        "timeouts.min-data-rate: \"-5\" is not 0 (off) or a positive number"),
                arguments("timeouts: {min-data-rate: 500B/s}",
                        "timeouts.min-data-rate: \"500B/s\" is not a number"),
                arguments("limits: 10m",
                        "limits: expected keys under it (known: limits.auth-line, limits.command-line, limits.hard-errors, limits.junk-commands, limits.line-endings, limits.long-lines, limits.max-message-size, limits.max-recipients, limits.oversize-drain, limits.text-line), found \"10m\""),
                arguments("listeners: [127.0.0.1]",
                        "listeners[0]: \"127.0.0.1\" is not a listen address (use HOST:PORT, e.g. 127.0.0.1:2525 or [::1]:2525, optionally prefixed smtp:// or lmtp://)"),
                arguments("listeners: [{address: 127.0.0.1}]",
                        "listeners[0]: needs an address and a port, e.g. {address: 127.0.0.1, port: 2525}"),
                arguments("listeners: [{adress: 127.0.0.1}]",
                        "unknown key 'listeners[0].adress' (known: address, name, port, protocol, tls,"
                                + " proxy-protocol, trusted-proxies)"),
                arguments("listeners: [{address: 127.0.0.1, port: 70000}]",
                        "listeners[0].port: \"70000\" is not a port (0 to 65535)"),
                arguments("listeners: [{address: 127.0.0.1, port: 25, protocol: esmtp}]",
                        "listeners[0].protocol: \"esmtp\" is not one of smtp, lmtp"),
                arguments("listeners: []",
                        "listeners: at least one listener is needed"),
                arguments("plugins: {greylist: on}",
                        "plugins.greylist: expected the plugin's settings as keys under it, found \"on\""),
                arguments("plugins: {enabled: [a], disabled: [a]}",
                        "plugins.disabled: plugin 'a' is also enabled (plugins.enabled)"),
                arguments("- just a list",
                        "test.yaml: expected keys such as 'hostname: mx.example.org' at the top level, found a list"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidValues")
    void invalidValueNamesTheKeyAndWhatIsAllowed(String yaml, String message) {
        assertThat(error(yaml)).isEqualTo(message);
    }

    @Test
    void yamlSyntaxErrorNamesTheFileAndPosition() {
        assertThat(error("limits:\n  max-recipients: [1\n")).startsWith("test.yaml is not valid YAML: ")
                .contains("line 3");
    }

    @Test
    void duplicateKeyIsAnError() {
        assertThat(error("store: maildir\nstore: discard\n")).startsWith("test.yaml is not valid YAML: ")
                .contains("found duplicate key store");
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        ReferenceConfig config = parse("limits: {max-message-size: 10m}\nhostname: file.test\n", Map.of(
                "PILLARBOX_LIMITS_MAX_MESSAGE_SIZE", "20m",
                "PILLARBOX_LISTENERS", "127.0.0.1:2500, lmtp://[::1]:2424",
                "PILLARBOX_ACCEPTED_DOMAINS", "a.example,b.example",
                "PILLARBOX_PLUGINS_ENABLED", "xstats",
                "PATH", "/usr/bin"));
        assertThat(config.server().codecLimits().maxMessageSize()).isEqualTo(20L * 1024 * 1024);
        assertThat(config.server().hostname()).isEqualTo("file.test");
        assertThat(config.server().listeners()).extracting(ListenerSettings::name, ListenerSettings::port,
                ListenerSettings::protocol)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("smtp", 2500, Protocol.SMTP),
                        org.assertj.core.groups.Tuple.tuple("lmtp", 2424, Protocol.LMTP));
        assertThat(config.acceptedDomains()).containsExactly("a.example", "b.example");
        assertThat(config.server().plugins()).containsOnlyKeys("xstats");
    }

    @Test
    void invalidEnvironmentValueNamesTheVariableAndTheKey() {
        assertThat(error("", Map.of("PILLARBOX_LIMITS_MAX_RECIPIENTS", "lots"))).isEqualTo(
                "PILLARBOX_LIMITS_MAX_RECIPIENTS (limits.max-recipients): \"lots\" is not a number");
    }

    @Test
    void junkCommandLimitAndMinimumDataRateComeFromTheEnvironmentAndZeroSwitchesThemOff() throws Exception {
        ReferenceConfig config = parse("limits: {junk-commands: 50}\ntimeouts: {min-data-rate: 100}\n", Map.of(
                "PILLARBOX_LIMITS_JUNK_COMMANDS", "0",
                "PILLARBOX_TIMEOUTS_MIN_DATA_RATE", "0"));
        assertThat(config.server().junkCommandLimit()).isZero();
        assertThat(config.server().minDataRate()).isZero();
        assertThat(error("", Map.of("PILLARBOX_TIMEOUTS_MIN_DATA_RATE", "-1"))).isEqualTo(
                "PILLARBOX_TIMEOUTS_MIN_DATA_RATE (timeouts.min-data-rate): \"-1\" is not 0 (off) or a positive number");
        assertThat(error("", Map.of("PILLARBOX_LIMITS_JUNK_COMMANDS", "lots"))).isEqualTo(
                "PILLARBOX_LIMITS_JUNK_COMMANDS (limits.junk-commands): \"lots\" is not a number");
    }

    @Test
    void trustedNetworksAndOversizeDrainHaveDefaultsAndComeFromTheEnvironment() throws Exception {
        ServerSettings defaults = parse("", Map.of()).server();
        assertThat(defaults.trustedNetworks()).isEqualTo(Networks.LOOPBACK);
        assertThat(defaults.oversizeDrain()).isEqualTo(10L * 1024 * 1024);
        ServerSettings set = parse("", Map.of("PILLARBOX_CONNECTIONS_TRUSTED_NETWORKS", "192.0.2.0/24, ::1",
                "PILLARBOX_LIMITS_OVERSIZE_DRAIN", "0")).server();
        assertThat(set.trustedNetworks()).isEqualTo(Networks.of("192.0.2.0/24", "::1"));
        assertThat(set.oversizeDrain()).isZero();
        assertThat(parse("connections: {trusted-networks: []}", Map.of()).server().trustedNetworks())
                .as("an empty list trusts nobody").isEqualTo(Networks.NONE);
    }

    @Test
    void unknownPillarboxEnvironmentVariableIsAnError() {
        assertThat(error("", Map.of("PILLARBOX_HOSTNMAE", "x"))).startsWith(
                "unknown environment variable PILLARBOX_HOSTNMAE (known: PILLARBOX_HOSTNAME, PILLARBOX_LISTENERS, ");
    }

    @Test
    void envNameMappingIsTheDocumentedOne() {
        assertThat(ConfigLoader.envName("limits.max-message-size")).isEqualTo("PILLARBOX_LIMITS_MAX_MESSAGE_SIZE");
        assertThat(ConfigLoader.envName("hostname")).isEqualTo("PILLARBOX_HOSTNAME");
        assertThat(ConfigLoader.envName("connections.max-per-client"))
                .isEqualTo("PILLARBOX_CONNECTIONS_MAX_PER_CLIENT");
    }

    @Test
    void flagsOverrideEnvironmentAndFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "store: discard\nhostname: file.test\nmaildir: /from/file\n");
        ReferenceConfig config = ConfigLoader.load(Optional.of(file),
                Map.of("PILLARBOX_HOSTNAME", "env.test", "PILLARBOX_MAILDIR", "/from/env"),
                List.of(new ConfigOverride("maildir", "/from/flag", "--maildir")), "default.test");
        assertThat(config.store()).isEqualTo(StoreKind.DISCARD);
        assertThat(config.server().hostname()).isEqualTo("env.test");
        assertThat(config.maildir()).isEqualTo(Path.of("/from/flag"));
        assertThat(config.file()).contains(file);
    }

    @Test
    void invalidFlagValueNamesTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                List.of(new ConfigOverride("listeners", List.of("localhost"), "--listen")), "h"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--listen: \"localhost\" is not a listen address (use HOST:PORT, e.g. 127.0.0.1:2525 "
                        + "or [::1]:2525, optionally prefixed smtp:// or lmtp://)");
    }

    @Test
    void missingFileIsAnErrorThatNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(missing), Map.of(), List.of(), "h"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read configuration file " + missing + ": ");
    }

    @Test
    void repeatedListenersGetDistinctNames() throws Exception {
        ReferenceConfig config = parse("listeners: [127.0.0.1:1, 127.0.0.1:2, lmtp://127.0.0.1:3]");
        assertThat(config.server().listeners()).extracting(ListenerSettings::name)
                .containsExactly("smtp", "smtp-2", "lmtp");
    }

    @Test
    void nonLoopbackListenerWithoutAcceptedDomainsRefusesToStart() throws Exception {
        ReferenceConfig config = parse("listeners: [0.0.0.0:25]");
        assertThat(config.loopbackOnly()).isFalse();
        assertThatThrownBy(config::checkNotOpenCatcher).isInstanceOf(ConfigException.class).hasMessage(
                "refusing to start: listener smtp on 0.0.0.0:25 is not a loopback address and no accepted-domains "
                        + "are configured, so the server would accept mail for any domain from the network; set "
                        + "accepted-domains (e.g. accepted-domains: [example.org]) or listen on 127.0.0.1 or [::1] "
                        + "only");
    }

    @Test
    void nonLoopbackListenerWithAcceptedDomainsStarts() throws Exception {
        parse("listeners: [0.0.0.0:25]\naccepted-domains: [example.org]").checkNotOpenCatcher();
    }

    @Test
    void loopbackOnlyWithoutAcceptedDomainsIsADevelopmentCatcher() throws Exception {
        ReferenceConfig config = parse("listeners: ['127.0.0.1:2525', '[::1]:2525']");
        config.checkNotOpenCatcher();
        assertThat(config.describe()).contains("accepted-domains: (any: loopback development catcher)");
    }

    @Test
    void describeListsTheEffectiveConfiguration() throws Exception {
        String text = parse("hostname: mx.test\nlisteners: ['[::1]:2525']").describe();
        assertThat(text).contains("  hostname: mx.test\n", "  listeners: smtp=smtp://[0:0:0:0:0:0:0:1]:2525\n",
                "  store: maildir (maildir mail)\n  delivery: [maildir]\n", "max-message-size=10485760", " junk-commands=100",
                "  timeouts: idle=300s min-data-rate=500 ", "  improper-pipelining: reject\n",
                "  helo-names: strict\n", "  log-level: INFO");
    }

    @Test
    void stateAndRabbitmqKeysAreReadAndTheirMistakesNamed() throws Exception {
        ReferenceConfig memory = parse("");
        assertThat(memory.state()).isEmpty();
        assertThat(memory.describe()).contains("  state: (memory: per instance)");
        ReferenceConfig config = parse(String.join("\n",
                "store: rabbitmq",
                "rabbitmq:",
                "  uri: amqp://app:secret@10.0.0.7:5673/mail",
                "  routing: recipient-domain",
                "  exchange: inbound",
                "  confirm-timeout: 2s",
                "  channels: 8",
                "state: redis://10.0.0.8:6380/2",
                "state-prefix: 'mx:'",
                "state-timeout: 100ms"));
        assertThat(config.store()).isEqualTo(StoreKind.RABBITMQ);
        assertThat(config.rabbitmq().routing()).isEqualTo(dev.pillarbox.server.rabbitmq.RabbitSettings.Routing.RECIPIENT_DOMAIN);
        assertThat(config.rabbitmq().exchange()).isEqualTo("inbound");
        assertThat(config.rabbitmq().confirmTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.rabbitmq().channels()).isEqualTo(8);
        assertThat(config.state().orElseThrow().port()).isEqualTo(6380);
        assertThat(config.state().orElseThrow().database()).isEqualTo(2);
        assertThat(config.state().orElseThrow().keyPrefix()).isEqualTo("mx:");
        assertThat(config.state().orElseThrow().timeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(config.describe())
                .contains("  store: rabbitmq\n", "  delivery: [rabbitmq]\n")
                .contains("  rabbitmq: amqp://app:***@10.0.0.7:5673/mail routing=recipient-domain exchange=inbound")
                .contains("  state: redis://10.0.0.8:6380/2 prefix=\"mx:\" timeout=100ms")
                .doesNotContain("secret");
        assertThat(parse("", Map.of("PILLARBOX_STATE", "redis://127.0.0.1:6379/0")).state()).isPresent();
        assertThat(error("state: http://127.0.0.1:6379")).contains("is not a redis:// URI");
        assertThat(error("state: redis://127.0.0.1\nstate-timeout: 0s")).contains("state-timeout");
        assertThat(error("rabbitmq: {uri: 'http://x'}")).contains("rabbitmq.uri").contains("is not an amqp://");
        assertThat(error("rabbitmq: {routing: topic}")).contains("rabbitmq.routing");
        assertThat(error("rabbitmq: {routing: recipient-domain, exchange: ''}"))
                .contains("rabbitmq.exchange must not be empty");
        assertThat(error("rabbitmq: {channels: 0}")).contains("rabbitmq.channels");
        assertThat(error("rabbitmq: {colour: blue}")).contains("unknown key 'rabbitmq.colour'");
    }
}
