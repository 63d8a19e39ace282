package dev.pillarbox.smtp.testing;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real {@link SmtpServer} on 127.0.0.1 with a free port, for tests: the given modules plus an in-memory
 * {@link RecordingMessageStore}. Close it (try-with-resources or {@code @AfterEach}); closing uses a short grace
 * period so a test never waits long.
 *
 * <pre>{@code
 * try (SmtpTestServer server = SmtpTestServer.start(new XstatsModule());
 *      SmtpTestClient client = server.afterEhlo()) {
 *     assertThat(client.command("XSTATS").toString()).startsWith("250-");
 * }
 * }</pre>
 *
 * Plugin discovery is off by default so that a test sees exactly the modules it names; turn it on with
 * {@code settings(s -> s.discoverPlugins(true))}. Replies keep their enhanced status codes unless
 * {@link Builder#enhancedStatusCodes(boolean) enhancedStatusCodes(false)}.
 */
public final class SmtpTestServer implements AutoCloseable {

    private final SmtpServer server;
    private final RecordingMessageStore store;

    private SmtpTestServer(SmtpServer server, RecordingMessageStore store) {
        this.server = server;
        this.store = store;
    }

    /** Starts a server with default test settings and {@code modules}. */
    public static SmtpTestServer start(Module... modules) {
        return builder().modules(modules).start();
    }

    /** A builder for settings, modules and store. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The settings a test server starts from: {@link ServerSettings#defaults()} (127.0.0.1, port 0) with host name
     * {@code mx.test.example}, plugin discovery off and a one-second shutdown grace.
     */
    public static ServerSettings defaultSettings() {
        return ServerSettings.builder().hostname("mx.test.example").discoverPlugins(false)
                .shutdownGrace(Duration.ofSeconds(1)).build();
    }

    /** The server. */
    public SmtpServer server() {
        return server;
    }

    /** The address of the first listener. */
    public InetSocketAddress address() {
        return server.boundAddresses().get(0);
    }

    /** The recording store (null if the builder was given another store). */
    public RecordingMessageStore store() {
        return store;
    }

    /** A connection whose greeting is not read yet. */
    public SmtpTestClient connect() {
        return SmtpTestClient.connect(address());
    }

    /** A connection after the 220 greeting. */
    public SmtpTestClient greeted() {
        return SmtpTestClient.greeted(address());
    }

    /** A connection after {@code EHLO client.example}. */
    public SmtpTestClient afterEhlo() {
        return SmtpTestClient.afterEhlo(address());
    }

    /** A connection after EHLO, MAIL FROM and one RCPT TO. */
    public SmtpTestClient inTransaction() {
        return SmtpTestClient.inTransaction(address());
    }

    @Override
    public void close() {
        server.close();
    }

    /** Collects settings, modules and the store, then {@link #start()}s. */
    public static final class Builder {
        private ServerSettings settings = defaultSettings();
        private final List<Module> modules = new ArrayList<>();
        private MessageStore store;
        private boolean enhancedStatusCodes = true;

        private Builder() {
        }

        /**
         * Whether replies keep their RFC 3463 enhanced status codes (default true, so that tests see the exact
         * catalogue replies without installing the ENHANCEDSTATUSCODES extension, which would also add its EHLO
         * keyword). False gives a server that strips them, as one without the extension does.
         */
        public Builder enhancedStatusCodes(boolean keep) {
            this.enhancedStatusCodes = keep;
            return this;
        }

        /** Replaces the settings. */
        public Builder settings(ServerSettings settings) {
            this.settings = settings;
            return this;
        }

        /** Changes the settings, e.g. {@code settings(s -> s.idleTimeout(Duration.ofMillis(300)))}. */
        public Builder settings(UnaryOperator<ServerSettings.Builder> change) {
            this.settings = change.apply(settings.toBuilder()).build();
            return this;
        }

        /** Adds modules (plugins under test). */
        public Builder modules(Module... modules) {
            this.modules.addAll(Arrays.asList(modules));
            return this;
        }

        /** Uses {@code store} instead of a {@link RecordingMessageStore}. */
        public Builder store(MessageStore store) {
            this.store = store;
            return this;
        }

        /** Creates and starts the server. */
        public SmtpTestServer start() {
            RecordingMessageStore recording = store == null ? new RecordingMessageStore() : null;
            MessageStore bound = store == null ? recording : store;
            List<Module> all = new ArrayList<>(modules);
            all.add(new AbstractModule() {
                @Override
                protected void configure() {
                    bind(MessageStore.class).toInstance(bound);
                    if (enhancedStatusCodes) {
                        ExtensionPoints.enhancedStatusCodes(binder());
                    }
                }
            });
            SmtpServer server = SmtpServer.create(settings, all);
            try {
                server.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new SmtpTestServer(server, recording);
        }
    }
}
