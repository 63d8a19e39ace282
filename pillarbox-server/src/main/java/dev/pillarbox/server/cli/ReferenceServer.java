package dev.pillarbox.server.cli;

import com.google.inject.CreationException;
import com.google.inject.Module;
import dev.pillarbox.metrics.Metrics;
import dev.pillarbox.server.http.HttpEndpoint;
import dev.pillarbox.smtp.plugins.api.DeliveryTarget;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.server.ListenerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.server.maildir.DiscardStoreModule;
import dev.pillarbox.server.maildir.MaildirStore;
import dev.pillarbox.server.maildir.MaildirStoreModule;
import dev.pillarbox.server.web.WebInbox;
import dev.pillarbox.server.rabbitmq.RabbitPublisher;
import dev.pillarbox.server.rabbitmq.RabbitStoreModule;
import dev.pillarbox.server.state.RedisPolicyState;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference server, started: an {@link SmtpServer} wired with the configured delivery targets (the Maildir,
 * discard, or targets plugins provide), the accepted-domains policy, the metrics (Prometheus when {@code metrics} is
 * set, else a registry that keeps nothing, so plugins can always inject one) and the enabled plugins, with
 * {@code metrics} set the HTTP endpoint of {@link OperatorRoutes}, and with {@code web} set the {@link WebInbox} over
 * the Maildir. Start-up code lives here rather than in a Guice module: the Maildir's
 * directories are created here, and the configuration is checked here (a non-loopback listener without accepted
 * domains is refused before anything is bound).
 */
public final class ReferenceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceServer.class);

    private final ReferenceConfig config;
    private final SmtpServer server;
    private final Metrics metrics;
    private final HttpEndpoint endpoint; // null without metrics
    private final WebInbox web; // null without web
    private final List<AutoCloseable> clients; // the Redis and RabbitMQ clients, closed after the server
    private boolean closed;

    private ReferenceServer(ReferenceConfig config, SmtpServer server, Metrics metrics, HttpEndpoint endpoint,
            WebInbox web, List<AutoCloseable> clients) {
        this.config = config;
        this.server = server;
        this.metrics = metrics;
        this.endpoint = endpoint;
        this.web = web;
        this.clients = clients;
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
        if (config.web().isPresent()) {
            config.web().get().checkNotOpenInbox();
        }
        List<Module> modules = new ArrayList<>();
        List<AutoCloseable> clients = new ArrayList<>();
        MaildirStore maildir = null;
        if (config.usesMaildir()) {
            try {
                maildir = MaildirStore.open(config.maildir(), config.server().hostname());
            } catch (IOException e) {
                throw new IOException("cannot create the Maildir " + config.maildir().toAbsolutePath() + ": " + e, e);
            }
            modules.add(new MaildirStoreModule(maildir));
        }
        if (config.usesRabbitmq()) {
            RabbitPublisher publisher;
            try {
                publisher = RabbitPublisher.create(config.rabbitmq());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage(), e);
            }
            clients.add(publisher);
            modules.add(new RabbitStoreModule(publisher));
        }
        // the built-in targets are providers like any plugin's: the settings pick among them by name
        modules.add(new DiscardStoreModule());
        if (config.state().isPresent()) {
            RedisPolicyState state = RedisPolicyState.open(config.state().get());
            clients.add(state);
            modules.add(binder -> SmtpBinder.policyState(binder).toInstance(state));
        }
        String store = config.server().deliveryTargets().toString()
                + (maildir != null ? " (Maildir " + maildir.root() + ")" : "");
        AcceptedDomainsHook policy = AcceptedDomainsHook.of(config.acceptedDomains());
        modules.add(new AcceptedDomainsModule(policy));
        Metrics metrics = config.metrics().isPresent() ? Metrics.prometheus() : Metrics.off();
        modules.add(metrics.module());
        modules.addAll(extraModules);
        SmtpServer server;
        HttpEndpoint endpoint = null;
        WebInbox web = null;
        try {
            server = SmtpServer.create(config.server(), modules);
        } catch (IllegalArgumentException | IllegalStateException e) {
            metrics.close();
            closeAll(clients);
            throw new ConfigException(e.getMessage(), e);
        } catch (CreationException e) {
            metrics.close();
            closeAll(clients);
            throw new ConfigException("the enabled plugins cannot be wired together: " + e.getMessage(), e);
        }
        try {
            server.start();
            if (config.metrics().isPresent()) {
                endpoint = HttpEndpoint.start("metrics", config.metrics().get(),
                        OperatorRoutes.of(server, maildir, metrics));
            }
            if (config.web().isPresent() && maildir != null) {
                // the inbox reads the Maildir's files itself, as any mail reader would
                web = WebInbox.start(config.web().get(), maildir.root());
            }
        } catch (IOException | RuntimeException e) {
            if (endpoint != null) {
                endpoint.close();
            }
            server.close();
            metrics.close();
            closeAll(clients);
            throw e;
        }
        ReferenceServer started = new ReferenceServer(config, server, metrics, endpoint, web, List.copyOf(clients));
        LOG.info("Pillarbox reference server {} ready: listening on {}; delivery: {}; {}; plugins: {}",
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

    /** The delivery target named {@code name} (for {@code maildir} and {@code discard}: behind the transaction log). */
    public DeliveryTarget target(String name) {
        DeliveryTarget target = ExtensionPoints.deliveryTargets(server.injector()).get(name);
        if (target == null) {
            throw new IllegalArgumentException("no delivery target " + name);
        }
        return target;
    }

    /** Where {@code /metrics} and the health probes are served (with the real port), if they are. */
    public Optional<InetSocketAddress> metricsAddress() {
        return Optional.ofNullable(endpoint).map(HttpEndpoint::address);
    }

    /** Where the web inbox is served (with the real port), if it is. */
    public Optional<InetSocketAddress> webAddress() {
        return Optional.ofNullable(web).map(WebInbox::address);
    }

    /** The registry the server's and the plugins' meters are in. */
    public Metrics metrics() {
        return metrics;
    }

    /**
     * Stops gracefully (see {@link SmtpServer#shutdown}): the readiness probe answers 503 during the grace period,
     * then the endpoint closes too. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        if (endpoint != null) {
            endpoint.close();
        }
        if (web != null) {
            web.close();
        }
        metrics.close();
        closeAll(clients);
    }

    private static void closeAll(List<AutoCloseable> clients) {
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                LOG.warn("closing {}: {}", client.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
