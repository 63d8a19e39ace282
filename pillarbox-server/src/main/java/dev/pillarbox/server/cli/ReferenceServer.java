package dev.pillarbox.server.cli;

import com.google.inject.CreationException;
import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.server.config.StoreKind;
import dev.pillarbox.server.maildir.DiscardStoreModule;
import dev.pillarbox.server.maildir.MaildirStore;
import dev.pillarbox.server.maildir.MaildirStoreModule;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference server, started: an {@link SmtpServer} wired with the configured message store (Maildir or
 * discard), the accepted-domains policy and the enabled plugins. Start-up code lives here rather than in a
 * Guice module: the Maildir's directories are created here, and the configuration is checked here (a
 * non-loopback listener without accepted domains is refused before anything is bound).
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);

    private final ReferenceConfig config;
    private final SmtpServer server;

    private ReferenceServer(ReferenceConfig config, SmtpServer server) {
        this.config = config;
        this.server = server;
    }

    /**
     * Checks the configuration, opens the store, wires and starts the server, and logs the start-up line and
     * the effective configuration.
     *
     * @throws ConfigException if the configuration cannot run: an open catcher on a public address, an
     *     unknown plugin, conflicting plugins
     * @throws IOException if the Maildir cannot be created or a listener cannot bind
     */
    public static ReferenceServer start(ReferenceConfig config) throws ConfigException, IOException {
        return start(config, List.of());
    }

    /** As {@link #start(ReferenceConfig)}, with more modules (for tests that observe the server). */
    static ReferenceServer start(ReferenceConfig config, List<Module> extraModules)
            throws ConfigException, IOException {
        Objects.requireNonNull(config, "config");
        config.checkNotOpenCatcher();
        List<Module> modules = new ArrayList<>();
        String store;
        if (config.store() == StoreKind.MAILDIR) {
            MaildirStore maildir;
            try {
                maildir = MaildirStore.open(config.maildir(), config.server().hostname());
            } catch (IOException e) {
                throw new IOException("cannot create the Maildir " + config.maildir().toAbsolutePath() + ": " + e, e);
            }
            modules.add(new MaildirStoreModule(maildir));
            store = "Maildir " + maildir.root();
        } else {
            modules.add(new DiscardStoreModule());
            store = "discard (messages are thrown away)";
        }
        AcceptedDomainsHook policy = AcceptedDomainsHook.of(config.acceptedDomains());
        modules.add(new AcceptedDomainsModule(policy));
        modules.addAll(extraModules);
        SmtpServer server;
        try {
            server = SmtpServer.create(config.server(), modules);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException(e.getMessage(), e);
        } catch (CreationException e) {
            throw new ConfigException("the enabled plugins cannot be wired together: " + e.getMessage(), e);
        }
        server.start();
        ReferenceServer started = new ReferenceServer(config, server);
        LOG.info("Pillarbox reference server {} ready: listening on {}; store: {}; {}; plugins: {}",
                Main.version(), started.listening(), store, policy,
                server.enabledPlugins().isEmpty() ? "none" : String.join(", ", server.enabledPlugins()));
        LOG.info("effective configuration:\n{}", config.describe());
        return started;
    }

    /** {@code smtp 127.0.0.1:2525, lmtp [::1]:2424}, with the real ports. */
    String listening() {
        StringJoiner out = new StringJoiner(", ");
        List<ListenerSettings> listeners = config.server().listeners();
        List<InetSocketAddress> bound = server.boundAddresses();
        for (int i = 0; i < listeners.size(); i++) {
            out.add(listeners.get(i).protocol().name().toLowerCase(Locale.ROOT) + " "
                    + ReferenceConfig.hostPort(bound.get(i).getAddress(), bound.get(i).getPort()));
        }
        return out.toString();
    }

    /** The configuration the server runs with. */
    public ReferenceConfig config() {
        return config;
    }

    /** The running SMTP server. */
    public SmtpServer server() {
        return server;
    }

    /** The bound address of every listener, in configuration order. */
    public List<InetSocketAddress> boundAddresses() {
        return server.boundAddresses();
    }

    /** The message store the server delivers to (the transaction log around the Maildir or discard store). */
    public MessageStore store() {
        return server.injector().getInstance(MessageStore.class);
    }

    /** Stops gracefully (see {@link SmtpServer#shutdown}); calling it again does nothing. */
    @Override
    public void close() {
        server.close();
    }
}
