package dev.pillarbox.server.cli;

import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ConfigOverride;
import dev.pillarbox.server.config.LogFormat;
import dev.pillarbox.server.config.ReferenceConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code serve}: loads the configuration (file, then {@code PILLARBOX_*} environment variables, then these
 * flags), checks it, starts the server and runs until SIGTERM or Ctrl-C.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Run the reference server (the default command).",
        footer = {"", "Flags override PILLARBOX_* environment variables, which override the --config file. "
                + "With no accepted-domains, every recipient is accepted, which is allowed only when every "
                + "listener is on a loopback address (a development catcher)."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
    private Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", description = {"Address to listen on; repeatable. "
            + "Default 127.0.0.1:2525. IPv6 as [::1]:2525; prefix lmtp:// for LMTP."})
    private List<String> listen = new ArrayList<>();

    @Option(names = "--maildir", paramLabel = "DIR", description = "Maildir to deliver to. Default ./mail.")
    private String maildir;

    @Option(names = "--hostname", paramLabel = "NAME",
            description = "Name in the greeting and Received: headers. Default: this machine's host name.")
    private String hostname;

    @Option(names = "--store", paramLabel = "STORE",
            description = "maildir (default), rabbitmq (publish with confirms; see the rabbitmq section) or discard"
                    + " (accept and throw away, for benchmarks).")
    private String store;

    @Option(names = "--log-level", paramLabel = "LEVEL",
            description = "trace, debug, info (default), warn or error.")
    private String logLevel;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "text (default) or json (one JSON object per line).")
    private String logFormat;

    @Option(names = "--metrics", paramLabel = "HOST:PORT", description = {"Serve /metrics (Prometheus), "
            + "/health/live and /health/ready over HTTP here, e.g. 127.0.0.1:9025. Default: off."})
    private String metrics;

    @Option(names = "--web", paramLabel = "HOST:PORT", description = {"Serve the web inbox (the Maildir's "
            + "messages, live) here, e.g. 127.0.0.1:8025. Default: off. Beyond loopback it needs web-user and "
            + "web-password in the configuration or PILLARBOX_WEB_USER/PILLARBOX_WEB_PASSWORD."})
    private String web;

    private final Map<String, String> env;
    private final Waiter waiter;

    ServeCommand(Map<String, String> env, Waiter waiter) {
        this.env = env;
        this.waiter = waiter;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ReferenceConfig effective;
        try {
            effective = ConfigLoader.load(Optional.ofNullable(config), env, overrides(), defaultHostname());
            effective.checkNotOpenCatcher();
        } catch (ConfigException e) {
            err.println("pillarbox-server: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        if (effective.logFormat() != LogFormat.TEXT) {
            applyLogFormat(effective.logFormat());
        }
        applyLogLevel(effective.logLevel());
        ReferenceServer server;
        try {
            server = ReferenceServer.start(effective);
        } catch (ConfigException e) {
            err.println("pillarbox-server: " + e.getMessage());
            return Main.USAGE_ERROR;
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot start: {}", e.toString(), e);
            err.println("pillarbox-server: cannot start: " + e);
            return Main.FAILURE;
        }
        try {
            waiter.await(server);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return 0;
    }

    private List<ConfigOverride> overrides() {
        List<ConfigOverride> out = new ArrayList<>();
        if (!listen.isEmpty()) {
            out.add(new ConfigOverride("listeners", List.copyOf(listen), "--listen"));
        }
        if (maildir != null) {
            out.add(new ConfigOverride("maildir", maildir, "--maildir"));
        }
        if (hostname != null) {
            out.add(new ConfigOverride("hostname", hostname, "--hostname"));
        }
        if (store != null) {
            out.add(new ConfigOverride("store", store, "--store"));
        }
        if (logLevel != null) {
            out.add(new ConfigOverride("log-level", logLevel, "--log-level"));
        }
        if (logFormat != null) {
            out.add(new ConfigOverride("log-format", logFormat, "--log-format"));
        }
        if (metrics != null) {
            out.add(new ConfigOverride("metrics", metrics, "--metrics"));
        }
        if (web != null) {
            out.add(new ConfigOverride("web", web, "--web"));
        }
        return out;
    }

    private static String defaultHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * Sets the root log level. Logback is a runtime dependency (applications embedding the server bring their
     * own SLF4J binding), so it is reached by reflection; with another binding the level stays as configured.
     */
    static boolean applyLogLevel(String level) {
        Object root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        try {
            Class<?> levelClass = Class.forName("ch.qos.logback.classic.Level", true, root.getClass().getClassLoader());
            Object value = levelClass.getMethod("toLevel", String.class).invoke(null, level);
            Method setLevel = root.getClass().getMethod("setLevel", levelClass);
            setLevel.invoke(root, value);
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("Cannot set the log level to {} with this SLF4J binding ({}); configure it there",
                    level, root.getClass().getName());
            return false;
        }
    }

    /** The system property the Logback configuration reads to pick its appender: {@code text} or {@code json}. */
    static final String LOG_FORMAT_PROPERTY = "pillarbox.log-format";

    /**
     * Switches the log lines to {@code format}: sets {@value #LOG_FORMAT_PROPERTY}, which the server's Logback
     * configuration reads to choose its console appender, and has Logback read its configuration again (it was read
     * when the first logger was made, before the configuration file). Reached by reflection like the level; with
     * another SLF4J binding the format stays as configured there.
     */
    static boolean applyLogFormat(LogFormat format) {
        System.setProperty(LOG_FORMAT_PROPERTY, format.name().toLowerCase(java.util.Locale.ROOT));
        Object context = LoggerFactory.getILoggerFactory();
        try {
            ClassLoader loader = context.getClass().getClassLoader();
            Class<?> contextClass = Class.forName("ch.qos.logback.classic.LoggerContext", true, loader);
            if (!contextClass.isInstance(context)) {
                throw new ClassNotFoundException("the SLF4J binding is not Logback");
            }
            Class<?> initializer = Class.forName("ch.qos.logback.classic.util.ContextInitializer", true, loader);
            contextClass.getMethod("reset").invoke(context);
            initializer.getMethod("autoConfig").invoke(initializer.getConstructor(contextClass).newInstance(context));
            return true;
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.warn("Cannot switch the log format to {} with this SLF4J binding ({}); configure it there",
                    format, context.getClass().getName());
            return false;
        }
    }

    /** What {@code serve} does once the server runs: by default, wait until the JVM is asked to stop. */
    @FunctionalInterface
    interface Waiter {

        /** Blocks while the server should run; the caller closes it afterwards. */
        void await(ReferenceServer server) throws InterruptedException;

        /** Waits until SIGTERM/SIGINT; a shutdown hook then closes the server gracefully. */
        static Waiter untilShutdown() {
            return server -> {
                CountDownLatch stopped = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    server.close();
                    stopped.countDown();
                }, "pillarbox-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                stopped.await();
            };
        }
    }
}
