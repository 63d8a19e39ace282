package dev.pillarbox.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.DeliveryTargetChoice;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Settings validation: every error names its key; an open relay is refused at start-up. */
class ForwardSettingsTest {

    @TempDir
    Path dir;

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(Map.of(), "plugins.forward.routes: no routes"),
                Arguments.of(Map.of("routes", "smtp://x:25"), "plugins.forward.routes: expected recipient domains"),
                Arguments.of(Map.of("routes", Map.of("example.com", "http://x")),
                        "plugins.forward.routes.example.com: \"http://x\" is not a next hop"),
                Arguments.of(Map.of("routes", Map.of("example.com", "lmtp://x")),
                        "plugins.forward.routes.example.com: \"lmtp://x\" needs a port"),
                Arguments.of(Map.of("routes", Map.of("bad_domain!", "smtp://x:25")),
                        "plugins.forward.routes.bad_domain!: \"bad_domain!\" is not a domain"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://x:25", "tls", "maybe"))),
                        "plugins.forward.routes.example.com.tls: \"maybe\" is not a TLS policy"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://x:25", "port", "2"))),
                        "plugins.forward.routes.example.com.port: unknown key"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("tls", "none"))),
                        "plugins.forward.routes.example.com.next-hop: missing"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://x:25",
                        "username", "u"))), "plugins.forward.routes.example.com.password: AUTH needs both"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://relay.example:25",
                        "username", "u", "password", "p", "tls", "none"))),
                        "plugins.forward.routes.example.com.tls: AUTH to smtp://relay.example:25 would send the"
                                + " password in plain text"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "relay-networks", "10.0.0.0/33"),
                        "plugins.forward.relay-networks: \"10.0.0.0/33\" has a prefix length out of range"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "relay-networks", "lan"),
                        "plugins.forward.relay-networks: \"lan\" is not an address block"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "queue-lifetime", "forever"),
                        "plugins.forward.queue-lifetime: \"forever\" is not a duration"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "retry-schedule", "1m, soon"),
                        "plugins.forward.retry-schedule: \"soon\" is not a duration"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "minimal-backoff", "10m",
                        "maximal-backoff", "1m"), "plugins.forward.maximal-backoff: "),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://x:25",
                        "tls", "opportunistic", "trust", "/etc/ssl/ca.pem"))),
                        "plugins.forward.routes.example.com.trust: only with tls: required"),
                Arguments.of(Map.of("routes", Map.of("example.com", Map.of("next-hop", "smtp://x:25",
                        "tls", "required", "trust", "/nonexistent/ca.pem"))),
                        "plugins.forward.routes.example.com.trust: cannot read /nonexistent/ca.pem"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "postmaster", "not an address"),
                        "plugins.forward.postmaster: \"not an address\" is not a mailbox"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "postmaster", "pm@elsewhere.test"),
                        "plugins.forward.postmaster: pm@elsewhere.test has no route"),
                Arguments.of(Map.of("routes", Map.of("example.com", "smtp://x:25"), "destination-concurrency", 0),
                        "plugins.forward.destination-concurrency: must be at least 1"),
                Arguments.of(Map.of("routes", Map.of("default", "smtp://smarthost:25"), "relay-networks",
                        List.of("127.0.0.0/8", "0.0.0.0/0")),
                        "plugins.forward.relay-networks: 0.0.0.0/0 with a default route (smtp://smarthost:25) lets"
                                + " every client send to any domain through this server: an open relay"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void errors_name_the_key(Map<String, Object> settings, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ForwardSettings.from(PluginSettings.of("forward", settings)));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void an_open_relay_configuration_stops_the_server_from_starting_and_says_why() {
        Map<String, Object> settings = Map.of("spool", dir.resolve("spool").toString(),
                "routes", Map.of("default", "smtp://127.0.0.1:2525"), "relay-networks", "::/0");
        Exception e = assertThrows(Exception.class, () -> SmtpServer.create(ServerSettings.builder()
                .discoverPlugins(true).plugin(PluginSettings.of("forward", settings))
                .deliverTo(DeliveryTargetChoice.required("forward")).build()));
        assertTrue(e.getMessage().contains("plugins.forward.relay-networks: ::/0 with a default route")
                && e.getMessage().contains("an open relay"), e.getMessage());
    }

    @Test
    void routes_match_exact_domains_then_parents_then_the_default() {
        Map<String, Object> routes = new LinkedHashMap<>();
        routes.put("example.com", "smtp://a.example:25");
        routes.put(".example.com", "lmtp://b.example:24");
        routes.put(".deep.example.com", Map.of("next-hop", "smtp://[2001:db8::1]:587", "tls", "required",
                "username", "u", "password", "p"));
        routes.put("default", "smtp://smarthost.example");
        ForwardSettings s = ForwardSettings.from(PluginSettings.of("forward", Map.of("routes", routes)));
        Routes r = s.routes();
        assertEquals("smtp://a.example:25", r.route("EXAMPLE.com").orElseThrow().destination());
        assertEquals("lmtp://b.example:24", r.route("mx.example.com").orElseThrow().destination());
        assertEquals("smtp://[2001:db8::1]:587", r.route("a.deep.example.com").orElseThrow().destination());
        assertEquals(NextHop.TlsPolicy.REQUIRED, r.route("a.deep.example.com").orElseThrow().tls());
        assertEquals(Optional.of("u"), r.route("a.deep.example.com").orElseThrow().username());
        assertEquals("smtp://smarthost.example:25", r.route("other.org").orElseThrow().destination());
        assertEquals(Optional.empty(), r.configured("other.org"));
        assertEquals(NextHop.TlsPolicy.OPPORTUNISTIC, r.route("example.com").orElseThrow().tls());
        assertEquals(NextHop.TlsPolicy.NONE, r.route("x.example.com").orElseThrow().tls());
    }

    @Test
    void defaults_are_postfix_like() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "s3cret\nignored\n");
        ForwardSettings s = ForwardSettings.from(PluginSettings.of("forward", Map.of("routes", Map.of("example.com",
                Map.of("next-hop", "smtp://relay.example:587", "tls", "required", "username", "gw",
                        "password-file", password.toString())))));
        assertEquals(List.of(Duration.ofSeconds(300), Duration.ofSeconds(600), Duration.ofSeconds(1200),
                Duration.ofSeconds(2400), Duration.ofSeconds(4000)), s.retrySchedule());
        assertEquals(Duration.ofDays(5), s.queueLifetime());
        assertEquals(5, s.destinationConcurrency());
        assertEquals(Optional.of("s3cret"), s.routes().route("example.com").orElseThrow().password());
        assertTrue(s.mayRelay(InetAddress.getByName("127.0.0.1")));
        assertTrue(s.mayRelay(InetAddress.getByName("::1")));
        assertTrue(!s.mayRelay(InetAddress.getByName("192.0.2.1")));
    }
}
