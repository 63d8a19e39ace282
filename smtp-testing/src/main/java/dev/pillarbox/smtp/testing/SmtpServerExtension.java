package dev.pillarbox.smtp.testing;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.server.ServerSettings;
import dev.pillarbox.smtp.server.SmtpServer;
import dev.pillarbox.smtp.testing.RecordingMessageStore.Failure;
import dev.pillarbox.smtp.testing.RecordingMessageStore.StoredMessage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a real Pillarbox server on a free loopback port with the plugins under test, in the
 * habit of SubEthaSMTP's Wiser and GreenMail's {@code GreenMailExtension}: it gives clients, the messages received
 * with their envelopes, a wait for N messages, and store-failure injection.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SmtpServerExtension SMTP = SmtpServerExtension.withModules(new MyPluginModule()).perClass();
 *
 * @Test
 * void stampsTheMessage() throws Exception {
 *     try (SmtpTestClient client = SMTP.inTransaction()) {
 *         client.data("Subject: hi\r\n\r\nHello\r\n");
 *     }
 *     assertThat(SMTP.awaitMessages(1, Duration.ofSeconds(5)).get(0).contentAsString()).contains("X-Stamp: ");
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> Per test by default: a fresh server for every test (register it on an instance field or a
 * static one). {@link #perClass()}: one server for all tests of the class (register it on a static field), with its
 * messages, call log and injected failure cleared before each test. The server is stopped after the last test that
 * uses it; clients made through the extension are closed after each test.
 *
 * <p>Plugin discovery is off: the server runs exactly the modules and plugins named (as {@link SmtpTestServer}).
 * Messages go to a {@link RecordingMessageStore}, the one delivery target ({@code store}).
 */
public final class SmtpServerExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback {

    /** When the server starts and stops. */
    public enum Lifecycle {
        /** A fresh server for each test. */
        PER_TEST,
        /** One server for the test class; its recorded state is cleared before each test. */
        PER_CLASS
    }

    private final List<Module> modules;
    private final UnaryOperator<ServerSettings.Builder> settings;
    private final Lifecycle lifecycle;
    private final List<SmtpTestClient> clients = new ArrayList<>();
    private SmtpTestServer server;

    private SmtpServerExtension(List<Module> modules, UnaryOperator<ServerSettings.Builder> settings,
            Lifecycle lifecycle) {
        this.modules = List.copyOf(modules);
        this.settings = settings;
        this.lifecycle = lifecycle;
    }

    /** An extension whose server runs {@code modules} (your plugin's module, test hooks), per test. */
    public static SmtpServerExtension withModules(Module... modules) {
        return new SmtpServerExtension(Arrays.asList(modules), UnaryOperator.identity(), Lifecycle.PER_TEST);
    }

    /** An extension whose server runs these plugins, configured as in a server's settings, per test. */
    public static SmtpServerExtension withPlugins(PluginSettings... plugins) {
        return withModules().settings(s -> {
            ServerSettings.Builder b = s.discoverPlugins(true);
            for (PluginSettings plugin : plugins) {
                b.plugin(plugin);
            }
            return b;
        });
    }

    /** This extension with more modules. */
    public SmtpServerExtension modules(Module... more) {
        List<Module> all = new ArrayList<>(modules);
        all.addAll(Arrays.asList(more));
        return new SmtpServerExtension(all, settings, lifecycle);
    }

    /**
     * This extension with changed settings, e.g. {@code settings(s -> s.maxMessageSize(1024))}; applied after the
     * earlier changes.
     */
    public SmtpServerExtension settings(UnaryOperator<ServerSettings.Builder> change) {
        Objects.requireNonNull(change, "change");
        UnaryOperator<ServerSettings.Builder> before = settings;
        return new SmtpServerExtension(modules, s -> change.apply(before.apply(s)), lifecycle);
    }

    /** This extension with one server for the whole test class (register it on a static field). */
    public SmtpServerExtension perClass() {
        return new SmtpServerExtension(modules, settings, Lifecycle.PER_CLASS);
    }

    /** This extension with a fresh server for each test (the default). */
    public SmtpServerExtension perTest() {
        return new SmtpServerExtension(modules, settings, Lifecycle.PER_TEST);
    }

    /** The lifecycle. */
    public Lifecycle lifecycle() {
        return lifecycle;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_CLASS) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (lifecycle == Lifecycle.PER_TEST) {
            start();
        } else if (server == null) {
            throw new IllegalStateException("a per-class SmtpServerExtension must be registered on a static field");
        } else {
            server.store().clear();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeClients();
        if (lifecycle == Lifecycle.PER_TEST) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeClients();
        stop();
    }

    private void start() {
        stop();
        server = SmtpTestServer.builder().settings(settings)
                .modules(modules.toArray(new Module[0])).start();
    }

    private void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private synchronized void closeClients() {
        for (SmtpTestClient client : clients) {
            client.close();
        }
        clients.clear();
    }

    private SmtpTestServer running() {
        if (server == null) {
            throw new IllegalStateException("the server is not running: use it from a test (or @BeforeEach)");
        }
        return server;
    }

    /** The running server. */
    public SmtpServer server() {
        return running().server();
    }

    /** The address of the server's listener (127.0.0.1, a port the OS chose). */
    public InetSocketAddress address() {
        return running().address();
    }

    /** The store that records the messages; also where failures are injected. */
    public RecordingMessageStore store() {
        return running().store();
    }

    private synchronized SmtpTestClient track(SmtpTestClient client) {
        clients.add(client);
        return client;
    }

    /** A client connected to the server, its 220 greeting not yet read; closed after the test. */
    public SmtpTestClient client() {
        return track(running().connect());
    }

    /** A client after the 220 greeting; closed after the test. */
    public SmtpTestClient greeted() {
        return track(running().greeted());
    }

    /** A client after {@code EHLO client.example}; closed after the test. */
    public SmtpTestClient afterEhlo() {
        return track(running().afterEhlo());
    }

    /** A client after EHLO, MAIL FROM and one RCPT TO, ready for DATA; closed after the test. */
    public SmtpTestClient inTransaction() {
        return track(running().inTransaction());
    }

    /** The messages received so far (since the test started), oldest first, with their envelopes. */
    public List<StoredMessage> messages() {
        return store().messages();
    }

    /**
     * Waits until at least {@code count} messages were received, at most {@code timeout}, and returns them.
     *
     * @throws TimeoutException saying how many arrived
     */
    public List<StoredMessage> awaitMessages(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        return store().awaitMessages(count, timeout);
    }

    /**
     * Makes the store fail at {@code where} (open, write or commit) from now on, until the next test or
     * {@code failStoreAt(Failure.NONE)}: the client then gets {@code 451 4.3.0}.
     */
    public SmtpServerExtension failStoreAt(Failure where) {
        store().failAt(where);
        return this;
    }
}
