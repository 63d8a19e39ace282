package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.SmtpClientException;
import dev.pillarbox.smtp.client.Timeouts;
import dev.pillarbox.smtp.client.load.LoadGenerator;
import dev.pillarbox.smtp.client.load.LoadResult;
import dev.pillarbox.smtp.client.load.LoadSettings;
import dev.pillarbox.smtp.client.load.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code load}: smtp-client's load generator from the command line, in the smtp-source habit (sessions, messages,
 * size; a new connection per message unless {@code --reuse}; no pipelining unless {@code --pipelining}). Prints
 * messages per second, the failed messages by the reply code that refused them, and latency percentiles per message;
 * while it runs, a one-line progress display on standard error when the console is a terminal or {@code --progress}
 * says so.
 *
 * <p>Before the run one connection is opened and closed, so that a server that is not there, refuses the session or
 * fails TLS is reported once with the client's own message, instead of as thousands of failed messages.
 */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Send many test messages over many sessions and measure (smtp-source's habit).", "",
            "Prints messages/s, failed messages by reply code, and latency percentiles per message (from the first "
                + "command of a message to its last reply; with a new connection per message, from the connect)."},
        footer = {"", "Exit status: 0 every message accepted; 1 the server could not be reached (or the session, TLS "
                + "or the message's size was refused): nothing was sent; 2 usage error; 3 some messages failed."})
final class LoadCommand implements Callable<Integer> {

    /** Exit status: the run finished but some messages failed. */
    static final int SOME_FAILED = 3;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client = new ClientOptions();

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1",
            description = "Sessions at once (default ${DEFAULT-VALUE}).")
    private int sessions;

    @Option(names = "--messages", paramLabel = "M", defaultValue = "1",
            description = "Messages in all, shared by the sessions (default ${DEFAULT-VALUE}).")
    private long messages;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "1024",
            description = "Payload octets per message after four header lines (default ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--reuse", description = "Send all of a session's messages over one connection (smtp-source's "
            + "-d). Default: a new connection per message.")
    private boolean reuse;

    @Option(names = "--pipelining", description = "Pipeline (RFC 2920) when the server offers PIPELINING: a message "
            + "costs one round trip. Default: one command at a time, as smtp-source.")
    private boolean pipelining;

    @Option(names = "--from", paramLabel = "ADDRESS", defaultValue = "load@client.example",
            description = "The sender (default ${DEFAULT-VALUE}).")
    private String from;

    @Option(names = "--to", paramLabel = "ADDRESS", defaultValue = "sink@server.example",
            description = "The recipient (default ${DEFAULT-VALUE}).")
    private String to;

    @Option(names = "--recipients", paramLabel = "N", defaultValue = "1",
            description = "Recipients per message, numbered 1-ADDRESS, 2-ADDRESS... when more than one "
                    + "(default ${DEFAULT-VALUE}).")
    private int recipients;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "Stop after this long even if messages are left.")
    private Integer timeLimit;

    @Option(names = "--progress", negatable = true, description = "Show (or not, --no-progress) the one-line "
            + "progress on standard error. Default: when the console is a terminal.")
    private Boolean progress;

    private final BooleanSupplier terminal;

    LoadCommand(BooleanSupplier terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LoadSettings settings;
        try {
            settings = settings();
        } catch (UsageError | IllegalArgumentException e) {
            err.println("pillarbox load: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        String offers;
        try (SmtpClient probe = SmtpClient.connect(settings.host(), settings.port(), settings.client())) {
            offers = pipelining && !probe.capabilities().pipelining()
                    ? "; the server does not offer PIPELINING: one command at a time" : "";
        } catch (SmtpClientException e) {
            err.println("pillarbox load: " + e.getMessage());
            return Main.FAILURE;
        }
        out.printf(Locale.ROOT, "%,d session%s, %,d message%s of %,d octets to %s (%s, %s, %s%s)%n", sessions,
                sessions == 1 ? "" : "s", messages, messages == 1 ? "" : "s", size, client.server, client.describe(),
                reuse ? "connections reused" : "a connection per message",
                pipelining ? "pipelining" : "no pipelining", offers);
        out.flush();
        boolean live = progress != null ? progress : terminal.getAsBoolean();
        ProgressListener listener = live ? p -> {
            err.print("\r" + p + "\033[K");
            err.flush();
        } : ProgressListener.NONE;
        LoadResult result = LoadGenerator.run(settings, listener);
        if (live) {
            err.println();
        }
        out.print(result.summary());
        if (result.errors().isEmpty()) {
            out.println("errors: none");
        }
        out.flush();
        return result.failed() == 0 ? 0 : SOME_FAILED;
    }

    private LoadSettings settings() {
        ClientSettings.Builder base = ClientSettings.builder().heloName("client.example")
                .timeouts(Timeouts.all(Duration.ofSeconds(60)));
        LoadSettings.Builder builder = LoadSettings.builder(client.server.host(), client.server.port())
                .client(client.settings(base).build())
                .sessions(sessions).messages(messages).messageSize(size).reuseConnections(reuse)
                .pipelining(pipelining).lmtp(client.lmtp).sender(from).recipient(to)
                .recipientsPerMessage(recipients).progressInterval(Duration.ofMillis(250));
        if (timeLimit != null) {
            if (timeLimit < 1) {
                throw new UsageError("--time-limit must be at least 1 second, not " + timeLimit);
            }
            builder.timeLimit(Duration.ofSeconds(timeLimit));
        }
        return builder.build();
    }
}
