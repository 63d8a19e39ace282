package dev.pillarbox.server.cli;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The reference server's command line, {@code java -jar pillarbox-server.jar [serve] [options]},
 * {@code ... explain CODE [CODE]}, {@code ... plugins} (the plugins on the class path with their settings), and the
 * client commands {@code send} (one message, the swaks habit) and {@code load} (a load run, the smtp-source habit),
 * and {@code queue} (the forwarding gateway's queue).
 * {@code serve} is the default command. Exit status: 0 on success (and for {@code --help} and {@code --version}), 2
 * for a usage or configuration error (the message names the flag or key and what is allowed), 1 when the server
 * cannot start (e.g. the port is taken) or a client command cannot reach its server; {@code send} and {@code load}
 * add their own for refusals (see their help).
 *
 * <p>{@link #run(String[])} returns the status instead of exiting, so that tests run the command line in
 * process; only {@link #main} calls {@link System#exit}.
 */
@Command(name = "pillarbox-server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Pillarbox reference SMTP server: receives mail, stores it durably in a Maildir and never "
                + "relays; and an SMTP/LMTP client to send one message or a load.", "",
            "Without a command, runs 'serve'."},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Exit status: 0 ok, 1 the server could not start (send, load: the server could not be "
                + "reached), 2 usage or configuration error; send and load: 3 and 4 for refusals (see their help).",
                "Configuration reference: docs/reference-server.md"})
public final class Main implements Runnable {

    /** Exit status for a usage or configuration error (picocli's convention for invalid input). */
    public static final int USAGE_ERROR = 2;
    /** Exit status when the server could not start or failed. */
    public static final int FAILURE = 1;

    private static final Set<String> TOP_LEVEL = Set.of("-h", "--help", "-V", "--version", "serve", "explain",
            "plugins", "send", "load", "queue", "help");

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final ServeCommand.Waiter waiter;
    private final BooleanSupplier terminal;
    private CommandLine commandLine;

    Main(PrintStream out, PrintStream err, Map<String, String> env, ServeCommand.Waiter waiter) {
        this(InputStream.nullInputStream(), out, err, env, waiter, () -> false);
    }

    Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, ServeCommand.Waiter waiter,
            BooleanSupplier terminal) {
        this.in = Objects.requireNonNull(in, "in");
        this.terminal = Objects.requireNonNull(terminal, "terminal");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.env = Map.copyOf(env);
        this.waiter = Objects.requireNonNull(waiter, "waiter");
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        useServerLogging(System.getProperties());
        System.exit(run(args));
    }

    /** Where the reference server's Logback configuration lives on the class path. */
    static final String LOGGING_CONFIGURATION = "dev/pillarbox/server/cli/pillarbox-logback.xml";

    /**
     * Points Logback at the reference server's configuration unless the operator named one. It is not a
     * {@code logback.xml} at the root of the jar, because applications that embed smtp-server as a library keep
     * their own logging configuration.
     */
    static void useServerLogging(Properties system) {
        if (system.getProperty("logback.configurationFile") == null) {
            system.setProperty("logback.configurationFile", LOGGING_CONFIGURATION);
        }
    }

    /**
     * Runs the command line with the process's streams and environment; {@code serve} returns when the server
     * has stopped (after SIGTERM or Ctrl-C).
     *
     * @return the exit status
     */
    public static int run(String[] args) {
        return new Main(System.in, System.out, System.err, System.getenv(), ServeCommand.Waiter.untilShutdown(),
                Main::consoleIsTerminal).execute(args);
    }

    /**
     * Whether the console is a terminal (for load's live progress line). On Java 22+ {@link System#console()} returns
     * a console even when the streams are redirected, and {@code Console.isTerminal()} tells; before, a console exists
     * only for a terminal.
     */
    static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** Runs {@code args} and returns the exit status; never calls {@link System#exit}. */
    int execute(String[] args) {
        String[] effective = args;
        if (args.length == 0 || !TOP_LEVEL.contains(args[0])) {
            // serve is the default command: "pillarbox-server --listen ..." means "pillarbox-server serve --listen ..."
            effective = new String[args.length + 1];
            effective[0] = "serve";
            System.arraycopy(args, 0, effective, 1, args.length);
        }
        commandLine = new CommandLine(this)
                .addSubcommand("serve", new ServeCommand(env, waiter))
                .addSubcommand("explain", new ExplainCommand())
                .addSubcommand("plugins", new PluginsCommand())
                .addSubcommand("send", new SendCommand(in))
                .addSubcommand("load", new LoadCommand(terminal))
                .addSubcommand("queue", new QueueCommand(env))
                .addSubcommand("help", new CommandLine.HelpCommand());
        commandLine.setOut(writer(out));
        commandLine.setErr(writer(err));
        int status = commandLine.execute(effective);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        return status;
    }

    @Override
    public void run() {
        // only reached with no command, which execute() turns into "serve"; print usage defensively
        commandLine.usage(commandLine.getOut());
    }

    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(stream, true);
    }

    /** {@code --version}: the jar's Implementation-Version, the Java version and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"pillarbox-server " + version(),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name", "unknown VM") + ")"};
        }
    }

    /**
     * The version from the Maven descriptor the jar plugin puts into every jar (and the shade plugin keeps), or
     * "(development build)" when run from classes.
     */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream(
                "/META-INF/maven/dev.pillarbox/pillarbox-server/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "(development build)");
            }
        } catch (IOException e) {
            return "(development build)";
        }
        return "(development build)";
    }
}
