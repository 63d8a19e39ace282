package dev.pillarbox.smtp.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import dev.pillarbox.smtp.codec.ReplyEncoder;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.AfterStoreHook;
import dev.pillarbox.smtp.plugins.api.CommandLineAllowance;
import dev.pillarbox.smtp.plugins.api.ConnectHook;
import dev.pillarbox.smtp.plugins.api.DisconnectHook;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.PluginService;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import dev.pillarbox.smtp.plugins.api.TransactionEndedHook;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.Hooks;
import dev.pillarbox.smtp.plugins.spi.ServerEvents;
import dev.pillarbox.smtp.plugins.spi.ServerEvents.ConnectionRefusal;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Pillarbox SMTP server: Guice wires the verbs, hooks, capabilities and the message store from the modules;
 * {@link #start()} opens the listeners, and every connection runs on its own thread with blocking I/O (a virtual
 * thread on Java 21+, a bounded platform-thread pool on Java 17).
 *
 * <pre>{@code
 * try (SmtpServer server = SmtpServer.create(ServerSettings.defaults(), new MyStoreModule(), new XfooModule())) {
 *     server.start();
 *     InetSocketAddress address = server.boundAddresses().get(0);
 *     ...
 * }
 * }</pre>
 *
 * <p>Modules only bind; they must provide at least one delivery target (a bound {@link MessageStore}, or targets
 * provided by name and picked in {@link ServerSettings#deliveryTargets()}). Plugins on the class path are added by
 * {@link PluginDiscovery} as the settings say. {@link #close()} shuts down gracefully: no new connections, idle
 * sessions get {@code 421 4.3.2} at once, sessions in a transaction may finish within the grace period.
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);
    // accept queue: a burst of connects larger than the queue waits for the client's SYN retransmit (1 s); 128
    // stalled a burst of 10,000 connects once per 129 connections (docs/performance.md). The kernel caps it at
    // net.core.somaxconn (4096 by default since Linux 5.4).
    private static final int BACKLOG = 1024;

    private final ServerSettings settings;
    private final Injector injector;
    private final ServerContext context;
    private final Connections connections;
    private final ServerEvents events;
    private final DeliveryTargets targets;
    private final AtomicLong sessionCounter = new AtomicLong();
    private final String runPrefix;
    private final List<Listener> listeners = new ArrayList<>();
    private final List<String> plugins;
    private final boolean enhancedStatusCodes;
    private final List<PluginService> services;
    private final List<PluginService> startedServices = new ArrayList<>();

    private ExecutorService executor;
    private ReadDeadlines readDeadlines;
    private boolean started;
    private boolean stopped;

    private SmtpServer(ServerSettings settings, List<Module> modules, List<String> plugins) {
        this.settings = settings;
        this.plugins = List.copyOf(plugins);
        List<Module> all = new ArrayList<>();
        all.add(new ServerModule(settings));
        all.addAll(modules);
        this.injector = Guice.createInjector(Stage.PRODUCTION, all);
        this.targets = DeliveryTargets.resolve(ExtensionPoints.deliveryTargets(injector),
                injector.getExistingBinding(Key.get(MessageStore.class)) == null ? null
                        : injector.getInstance(MessageStore.class),
                settings.deliveryTargets());
        Dispatcher dispatcher = Dispatcher.from(injector);
        // RFC 2034: enhanced status codes only when the ENHANCEDSTATUSCODES extension is installed
        this.enhancedStatusCodes = ExtensionPoints.enhancedStatusCodes(injector);
        Optional<SSLContext> tls = injector.getInstance(Key.get(new TypeLiteral<Optional<SSLContext>>() { }));
        for (ListenerSettings listener : settings.listeners()) {
            if (listener.protocol() == Protocol.LMTP && !dispatcher.verbs().contains(Verb.LHLO.name())) {
                // without LHLO an LMTP client could not greet at all (RFC 2033 4.1)
                throw new IllegalStateException("listener " + listener.name() + " speaks LMTP but nothing answers"
                        + " LHLO: enable the lmtp plugin (plugin discovery enables it for LMTP listeners) or"
                        + " install LmtpModule");
            }
            if (listener.implicitTls() && tls.isEmpty()) {
                throw new IllegalStateException("listener " + listener.name() + " uses implicit TLS but no TLS"
                        + " context is bound: enable the starttls plugin with a certificate"
                        + " (or bind one with ExtensionPoints.tlsContext)");
            }
        }
        Set<CommandLineAllowance> allowances = ExtensionPoints.commandLineAllowances(injector);
        this.services = List.copyOf(ExtensionPoints.services(injector));
        this.events = injector.getInstance(ServerEvents.class);
        TransactionStages stages = new TransactionStages(
                injector.getInstance(Key.get(new TypeLiteral<Set<AfterStoreHook>>() { })),
                injector.getInstance(Key.get(new TypeLiteral<Set<TransactionEndedHook>>() { })), events);
        this.connections = new Connections(new ConnectionLimiter(settings.maxConnections(),
                settings.maxConnectionsPerClient(), settings.trustedNetworks()));
        this.context = new ServerContext(settings, dispatcher,
                longerCommandLines(settings.codecLimits().commandLine(), allowances),
                Hooks.inOrder(injector.getInstance(Key.get(new TypeLiteral<Set<ConnectHook>>() { }))),
                Hooks.inOrder(injector.getInstance(Key.get(new TypeLiteral<Set<DisconnectHook>>() { }))),
                targets,
                new Delivery(injector.getInstance(Key.get(new TypeLiteral<Set<MessageHook>>() { })), stages, events),
                stages,
                tls.orElse(null), injector.getInstance(Key.get(Clock.class, ServerClock.class)), enhancedStatusCodes,
                connections, events);
        this.runPrefix = Long.toString(System.currentTimeMillis() / 1000 % (36L * 36 * 36), 36);
    }

    /**
     * Wires a server from the settings, the given modules and the plugins {@link PluginDiscovery} enables. Nothing
     * is opened yet.
     *
     * @throws com.google.inject.CreationException if the modules conflict, e.g. two plugins add the same verb
     *     (Guice's message names both modules)
     * @throws IllegalStateException if a plugin adds a built-in verb instead of replacing it, or no store is bound
     * @throws IllegalArgumentException if the settings name a plugin that is not on the class path
     */
    public static SmtpServer create(ServerSettings settings, Module... modules) {
        return create(settings, Arrays.asList(modules));
    }

    /** As {@link #create(ServerSettings, Module...)}. */
    public static SmtpServer create(ServerSettings settings, List<? extends Module> modules) {
        List<Module> all = new ArrayList<>(modules);
        List<String> names = List.of();
        if (settings.discoverPlugins()) {
            Map<String, SmtpPlugin> available = PluginDiscovery.available(SmtpServer.class.getClassLoader());
            all.addAll(PluginDiscovery.enabledModules(settings, available));
            names = PluginDiscovery.enabledNames(settings, available);
        }
        return new SmtpServer(settings, all, names);
    }

    /**
     * The verbs whose command lines may be longer than the configured limit, with their limits: the configured one
     * plus the sum of the allowances that the enabled extensions declare for that verb's parameters (RFC 5321
     * 4.5.3.1.4), e.g. RCPT 512 + 507 + 29 with DSN's ORCPT and NOTIFY. Every other verb keeps the configured limit.
     */
    static Map<Verb, Integer> longerCommandLines(int configured, Set<CommandLineAllowance> allowances) {
        Map<Verb, Integer> perVerb = new HashMap<>();
        for (CommandLineAllowance allowance : allowances) {
            perVerb.merge(Verb.of(allowance.verb()), allowance.octets(), Integer::sum);
        }
        perVerb.replaceAll((verb, octets) -> configured + octets);
        return Map.copyOf(perVerb);
    }

    /** The settings the server runs with. */
    public ServerSettings settings() {
        return settings;
    }

    /** The injector, e.g. for a test to fetch the bound message store. */
    public Injector injector() {
        return injector;
    }

    /** The names of the plugins that discovery enabled. */
    public List<String> enabledPlugins() {
        return plugins;
    }

    /**
     * Whether replies carry RFC 3463 enhanced status codes: true when a module called
     * {@link ExtensionPoints#enhancedStatusCodes(com.google.inject.Binder)} (the ENHANCEDSTATUSCODES extension);
     * otherwise they are stripped.
     */
    public boolean enhancedStatusCodes() {
        return enhancedStatusCodes;
    }

    /** The delivery targets the server delivers to, by name: required ones first, in order, then optional ones. */
    public Map<String, Boolean> deliveryTargets() {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (DeliveryTargets.Target target : targets.targets()) {
            out.put(target.name(), target.required());
        }
        return Collections.unmodifiableMap(out);
    }

    /** The required delivery targets that say they cannot take messages now ({@code DeliveryTarget.ready()}). */
    public List<String> deliveryTargetsNotReady() {
        return targets.notReady();
    }

    /** The verbs the server answers (built-in and plugin verbs), sorted. */
    public Set<String> verbs() {
        return context.dispatcher().verbs();
    }

    /**
     * Binds every listener and starts accepting connections.
     *
     * @return this server
     * @throws IOException if a listener cannot bind; listeners already bound are closed again
     */
    public synchronized SmtpServer start() throws IOException {
        if (started) {
            throw new IllegalStateException("server already started");
        }
        started = true;
        // plugin services (a queue runner) first: their work must be going before the first session can use it
        try {
            for (PluginService service : services) {
                service.start();
                startedServices.add(service);
            }
        } catch (IOException | RuntimeException e) {
            closeServices();
            throw e;
        }
        executor = ConnectionExecutors.create(settings.maxConnections());
        try {
            for (ListenerSettings listenerSettings : settings.listeners()) {
                ServerSocket serverSocket = new ServerSocket();
                serverSocket.setReuseAddress(true);
                try {
                    serverSocket.bind(listenerSettings.socketAddress(), BACKLOG);
                } catch (IOException e) {
                    serverSocket.close();
                    throw new IOException("cannot listen on " + listenerSettings.socketAddress() + " ("
                            + listenerSettings.name() + "): " + e.getMessage(), e);
                }
                listeners.add(new Listener(listenerSettings, serverSocket));
            }
        } catch (IOException e) {
            closeListeners();
            executor.shutdownNow();
            closeServices();
            throw e;
        }
        readDeadlines = ReadDeadlines.start(connections.all(), settings.idleTimeout());
        for (Listener listener : listeners) {
            events.listening(listener.settings.name());
            listener.thread.start();
        }
        LOG.info("listening on {} as {} ({} threads); plugins: {}", boundAddresses(), settings.hostname(),
                ConnectionExecutors.virtualThreadsAvailable() ? "virtual" : "platform",
                plugins.isEmpty() ? "none" : String.join(", ", plugins));
        return this;
    }

    /** The bound address of every listener, in configuration order (with the real port when 0 was asked). */
    public List<InetSocketAddress> boundAddresses() {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (Listener listener : listeners) {
            addresses.add((InetSocketAddress) listener.socket.getLocalSocketAddress());
        }
        return addresses;
    }

    /** The bound address of the listener named {@code name}. */
    public InetSocketAddress boundAddress(String name) {
        for (Listener listener : listeners) {
            if (listener.settings.name().equals(name)) {
                return (InetSocketAddress) listener.socket.getLocalSocketAddress();
            }
        }
        throw new IllegalArgumentException("no listener named " + name);
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.count();
    }

    /**
     * True while the server accepts connections: started, every listener bound and open, and not shutting down (what
     * a readiness probe asks first).
     */
    public synchronized boolean isListening() {
        if (!started || stopped || listeners.size() != settings.listeners().size()) {
            return false;
        }
        for (Listener listener : listeners) {
            if (listener.socket.isClosed() || !listener.thread.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** True once {@link #shutdown} began. */
    public boolean isShuttingDown() {
        return connections.isShuttingDown();
    }

    /** Shuts down with the configured grace period. */
    @Override
    public void close() {
        shutdown(settings.shutdownGrace());
    }

    /**
     * Stops accepting, answers {@code 421 4.3.2} to idle sessions at once, lets sessions in a transaction finish
     * within {@code grace}, then answers {@code 421 4.3.2} to the rest and closes them. Returns when every
     * connection is closed. Calling it again does nothing.
     */
    public void shutdown(Duration grace) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            connections.shuttingDown();
        }
        closeListeners();
        for (Listener listener : listeners) {
            joinQuietly(listener.thread);
        }
        connections.close(Replies.SHUTTING_DOWN, false);
        try {
            connections.awaitEmpty(grace.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close(Replies.SHUTTING_DOWN, true);
        if (readDeadlines != null) {
            readDeadlines.close();
        }
        if (executor != null) {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        closeServices();
        LOG.info("stopped");
    }

    /** Stops the started plugin services, last started first. */
    private void closeServices() {
        for (int i = startedServices.size() - 1; i >= 0; i--) {
            PluginService service = startedServices.get(i);
            try {
                service.close();
            } catch (RuntimeException e) {
                LOG.warn("stopping plugin service {} failed: {}", service.getClass().getName(), e.toString());
            }
        }
        startedServices.clear();
    }

    private void accept(Listener listener) {
        while (true) {
            Socket socket;
            try {
                socket = listener.socket.accept();
            } catch (SocketException e) {
                return; // closed by shutdown
            } catch (IOException e) {
                LOG.warn("accept failed on {}: {}", listener.settings.name(), e.toString());
                continue;
            }
            InetAddress client = socket.getInetAddress();
            String name = listener.settings.name();
            if (connections.isShuttingDown()) {
                events.connectionRefused(name, ConnectionRefusal.SHUTDOWN);
                refuse(socket, outgoing(Replies.SHUTTING_DOWN));
                continue;
            }
            ConnectionRefusal over = connections.admit(client);
            if (over != null) {
                events.connectionRefused(name, over);
                LOG.info("refused {}: too many connections{}", client.getHostAddress(),
                        over == ConnectionRefusal.PER_CLIENT_LIMIT ? " from this client" : "");
                refuse(socket, outgoing(Replies.TOO_MANY_CONNECTIONS));
                continue;
            }
            String id = runPrefix + Long.toString(sessionCounter.incrementAndGet(), 36);
            SmtpConnection connection = new SmtpConnection(context, socket, listener.settings, id);
            connections.add(connection);
            try {
                executor.execute(connection);
            } catch (RejectedExecutionException e) {
                // shut down, or (Java 17) the bounded pool and its queue are full
                connections.rejected(connection, client);
                boolean shutdown = executor.isShutdown();
                events.connectionRefused(name, shutdown ? ConnectionRefusal.SHUTDOWN : ConnectionRefusal.LIMIT);
                refuse(socket, outgoing(shutdown ? Replies.SHUTTING_DOWN : Replies.TOO_MANY_CONNECTIONS));
            }
        }
    }

    private Reply outgoing(Reply reply) {
        return enhancedStatusCodes ? reply : reply.withoutEnhancedCode();
    }

    /** Answers a connection the server will not serve and closes it, without a thread of its own. */
    private static void refuse(Socket socket, Reply reply) {
        try (Socket s = socket) {
            // a fresh socket's send buffer takes a short reply without blocking the accept loop
            OutputStream out = s.getOutputStream();
            out.write(ReplyEncoder.encode(reply));
            out.flush();
            s.shutdownOutput();
        } catch (IOException e) {
            LOG.debug("refusing {} failed: {}", socket.getInetAddress(), e.toString());
        }
    }

    private void closeListeners() {
        for (Listener listener : listeners) {
            try {
                listener.socket.close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", listener.settings.name(), e.toString());
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bound listening socket and its accept thread. */
    private final class Listener {
        final ListenerSettings settings;
        final ServerSocket socket;
        final Thread thread;

        Listener(ListenerSettings settings, ServerSocket socket) {
            this.settings = settings;
            this.socket = socket;
            this.thread = ConnectionExecutors.acceptThread(() -> accept(this), "smtp-accept-" + settings.name());
        }
    }
}
