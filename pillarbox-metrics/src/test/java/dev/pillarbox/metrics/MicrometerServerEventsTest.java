package dev.pillarbox.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Provider;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.HookStage;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.ProtocolError;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MicrometerServerEventsTest {

    private static final Provider<CommandHandler> NO_HANDLER = () -> {
        throw new AssertionError("the observer must not build handlers");
    };

    private static MicrometerServerEvents events(MeterRegistry registry) {
        return new MicrometerServerEvents(registry, Map.of("XSTATS", NO_HANDLER), Set.of("EHLO", "MAIL", "QUIT"));
    }

    @Test
    void verbsNobodyAnswersAreFoldedIntoOneSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerServerEvents events = events(registry);
        for (String verb : List.of("EHLO", "XSTATS", "MAIL", "MAIL", "XFOO", "NONSENSE1", "NONSENSE2")) {
            events.command(verb);
        }
        assertThat(count(registry, "smtp.commands", "verb", "EHLO")).isEqualTo(1);
        assertThat(count(registry, "smtp.commands", "verb", "MAIL")).isEqualTo(2);
        assertThat(count(registry, "smtp.commands", "verb", "XSTATS")).isEqualTo(1);
        assertThat(count(registry, "smtp.commands", "verb", "QUIT")).isZero();
        assertThat(count(registry, "smtp.commands", "verb", "unknown")).isEqualTo(3);
        assertThat(registry.find("smtp.commands").counters()).hasSize(5);
    }

    @Test
    void repliesAndMessagesAreCountedByCodeAndResult() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerServerEvents events = events(registry);
        events.reply(250);
        events.reply(250);
        events.reply(451);
        events.message(250, 1000);
        events.message(451, 10);
        events.message(554, 5);
        assertThat(registry.get("smtp.replies").tags("code", "250", "class", "2xx").counter().count()).isEqualTo(2);
        assertThat(registry.get("smtp.replies").tags("code", "451", "class", "4xx").counter().count()).isEqualTo(1);
        assertThat(registry.get("smtp.messages").tags("result", "accepted", "code", "250").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.messages").tags("result", "deferred", "code", "451").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.messages").tags("result", "refused", "code", "554").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.received").counter().count()).isEqualTo(1015);
        assertThat(registry.get("smtp.message.size").summary().count()).isEqualTo(3);
    }

    @Test
    void connectionsAreCountedPerListenerWithTheOpenOnesAsAGauge() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerServerEvents events = events(registry);
        events.listening("smtp");
        assertThat(registry.get("smtp.connections.refused").tags("listener", "smtp", "reason", "per_client_limit")
                .counter().count()).as("every reason is there from the start").isZero();
        events.connectionOpened("smtp");
        events.connectionOpened("smtp");
        events.connectionClosed("smtp");
        events.connectionRefused("smtp", ConnectionRefusal.PER_CLIENT_LIMIT);
        events.tlsHandshake("smtp", "TLSv1.3");
        events.tlsHandshakeFailed("smtp", true);
        assertThat(registry.get("smtp.connections.opened").tag("listener", "smtp").counter().count()).isEqualTo(2);
        assertThat(registry.get("smtp.connections.open").tag("listener", "smtp").gauge().value()).isEqualTo(1);
        assertThat(registry.get("smtp.connections.refused").tags("listener", "smtp", "reason", "per_client_limit")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("smtp.tls.handshakes").tags("protocol", "TLSv1.3", "result", "ok").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.tls.handshakes").tags("protocol", "none", "result", "timeout").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get("smtp.tls.handshakes").tags("protocol", "none", "result", "failed").counter()
                .count()).isZero();
    }

    @Test
    void timersRecordCommitsHookStagesAndAuthResults() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerServerEvents events = events(registry);
        events.commit(ServerEvents.STORE, 2_000_000, true);
        events.commit(ServerEvents.STORE, 5_000_000, false);
        events.hookStage(HookStage.RCPT, 1000);
        events.protocolError(ProtocolError.IMPROPER_PIPELINING);
        events.authentication("PLAIN", false);
        events.authentication("PLAIN", true);
        events.authentication("PLAIN", true);
        assertThat(registry.get("smtp.store.commit").tags("target", "store", "result", "ok").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.store.commit").tags("target", "store", "result", "failed").timer()
                .totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(5.0);
        assertThat(registry.get("smtp.hook.stage").tag("stage", "rcpt").timer().count()).isEqualTo(1);
        assertThat(registry.get("smtp.hook.stage").tag("stage", "mail").timer().count()).isZero();
        assertThat(registry.get("smtp.protocol.errors").tag("kind", "improper_pipelining").counter().count())
                .isEqualTo(1);
        assertThat(registry.get("smtp.auth").tags("mechanism", "PLAIN", "result", "success").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("smtp.auth").tags("mechanism", "PLAIN", "result", "failure").counter().count())
                .isEqualTo(1);
    }

    @Test
    void thePrometheusTextNamesEveryMeterInPrometheusStyle() throws Exception {
        try (Metrics metrics = Metrics.prometheus()) {
            MicrometerServerEvents events = events(metrics.registry());
            events.listening("smtp");
            events.command("MAIL");
            events.reply(250);
            events.message(250, 2048);
            events.commit(ServerEvents.STORE, 3_000_000, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            metrics.scrape(out);
            String text = out.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("smtp_commands_total{verb=\"MAIL\"} 1.0",
                    "smtp_replies_total{class=\"2xx\",code=\"250\"} 1.0",
                    "smtp_messages_total{code=\"250\",result=\"accepted\"} 1.0",
                    "smtp_received_bytes_total 2048.0",
                    "smtp_message_size_bytes_bucket{le=\"4096.0\"} 1",
                    "smtp_store_commit_seconds_bucket{result=\"ok\",target=\"store\",le=\"0.005\"} 1",
                    "smtp_connections_open{listener=\"smtp\"} 0.0",
                    "jvm_memory_used_bytes", "jvm_gc_", "process_cpu_usage", "jvm_threads_live_threads");
        }
    }

    @Test
    void metricsOffGivePluginsMetersThatKeepNothing() {
        try (Metrics metrics = Metrics.off()) {
            metrics.registry().counter("greylist.deferred").increment();
            assertThat(metrics.registry().getMeters()).isEmpty();
            assertThat(metrics.enabled()).isFalse();
        }
    }

    @Test
    void perCommandEventsDoNotAllocate() {
        try (Metrics metrics = Metrics.prometheus()) {
            MicrometerServerEvents events = events(metrics.registry());
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            String[] verbs = {"MAIL", "XFOO", "EHLO"};
            int[] codes = {250, 354, 500};
            long[] allocated = new long[5];
            for (int round = 0; round < allocated.length; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 100_000; i++) {
                    events.command(verbs[i % 3]);
                    events.reply(codes[i % 3]);
                    events.protocolError(ProtocolError.SYNTAX);
                }
                allocated[round] = threads.getCurrentThreadAllocatedBytes() - before;
            }
            // the first round resolves the reply counters; after that 300,000 events allocate nothing (a few
            // hundred bytes of noise from the measurement itself at most)
            assertThat(Arrays.stream(allocated).skip(1).min().orElseThrow()).isLessThan(1024);
        }
    }

    private static double count(MeterRegistry registry, String name, String key, String value) {
        return registry.get(name).tag(key, value).counter().count();
    }
}
