package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Credentials;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.RecipientResult;
import dev.pillarbox.smtp.client.RecipientStatus;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.SmtpClientException;
import dev.pillarbox.smtp.client.Transcript;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code send}: one message over SMTP or LMTP with smtp-client, then one line per recipient saying what happened
 * (the swaks habit: {@code -v} prints the dialogue as it happens). The exit status says the outcome, so that a
 * script can tell a refusal (do not retry) from a deferral (retry later) and from a failure to talk at all.
 */
@Command(name = "send", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false,
        description = {"Send one message and print what happened to each recipient.", "",
            "Without --data, a short test message is sent. With -v, the dialogue is printed as it happens:",
            "'->' the client, '<-' the server ('<**' a 4xx or 5xx reply), '===' a note."},
        footer = {"", "Exit status: 0 every recipient accepted; 1 the message could not be sent (connection, TLS, "
                + "AUTH, protocol, timeout: the message says which); 2 usage error; 3 at least one recipient "
                + "refused (5xx); 4 none refused but at least one deferred (4xx)."})
final class SendCommand implements Callable<Integer> {

    /** Exit status: at least one recipient was refused with a 5xx reply. */
    static final int REFUSED = 3;
    /** Exit status: no recipient was refused, but at least one was deferred with a 4xx reply. */
    static final int DEFERRED = 4;

    @Spec
    private CommandSpec spec;

    @Mixin
    private ClientOptions client = new ClientOptions();

    @Option(names = "--from", required = true, paramLabel = "ADDRESS",
            description = "The sender (MAIL FROM); \"\" for the null reverse-path <>.")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS",
            description = "A recipient (RCPT TO); repeat for more.")
    private List<String> to = new ArrayList<>();

    @Option(names = "--data", paramLabel = "FILE|-", description = "The message (header and body) from a file, or "
            + "from standard input with '-'. Lines may end in LF: they are sent as CRLF (DATA).")
    private String data;

    @Option(names = "--auth-user", paramLabel = "USER", description = "Authenticate (AUTH) as USER: SCRAM-SHA-256, "
            + "PLAIN or LOGIN, the first the server offers. PLAIN and LOGIN only over TLS.")
    private String authUser;

    @Option(names = "--auth-password-file", paramLabel = "FILE",
            description = "The password, the first line of FILE (never on the command line).")
    private Path authPasswordFile;

    @Option(names = "--auth-plaintext", description = "Allow PLAIN and LOGIN without TLS (they send the password "
            + "itself).")
    private boolean authPlaintext;

    @Option(names = "--bdat", arity = "0..1", fallbackValue = "1048576", paramLabel = "SIZE",
            description = "Send with BDAT (RFC 3030) in chunks of SIZE octets (default 1 MiB) when the server offers "
                    + "CHUNKING; DATA otherwise. BDAT sends the octets as they are: the file must use CRLF.")
    private Integer bdat;

    @Option(names = {"-v", "--verbose"}, description = "Print the dialogue.")
    private boolean verbose;

    private final InputStream stdin;

    SendCommand(InputStream stdin) {
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClientSettings settings;
        Envelope envelope;
        MessageBody body;
        try {
            settings = settings(out);
            envelope = envelope();
            body = body();
        } catch (UsageError | IllegalArgumentException e) {
            err.println("pillarbox send: " + e.getMessage());
            return Main.USAGE_ERROR;
        }
        ServerAddress server = client.server;
        if (verbose) {
            out.println("=== Trying " + server + " (" + client.describe() + ")");
        }
        SendResult result;
        try (SmtpClient smtp = SmtpClient.connect(server.host(), server.port(), settings)) {
            result = smtp.send(envelope, body);
        } catch (SmtpClientException e) {
            out.flush();
            err.println("pillarbox send: " + e.getMessage());
            return Main.FAILURE;
        } catch (IOException e) {
            out.flush();
            err.println("pillarbox send: reading the message failed: " + e);
            return Main.FAILURE;
        }
        if (verbose) {
            out.println("=== Connection closed");
        }
        for (RecipientResult r : result.recipients()) {
            out.println(r);
        }
        if (!result.withStatus(RecipientStatus.REFUSED).isEmpty()) {
            return REFUSED;
        }
        return result.withStatus(RecipientStatus.DEFERRED).isEmpty() ? 0 : DEFERRED;
    }

    private ClientSettings settings(PrintWriter out) {
        ClientSettings.Builder builder = client.settings(ClientSettings.builder());
        if (authUser != null || authPasswordFile != null) {
            if (authUser == null || authPasswordFile == null) {
                throw new UsageError("--auth-user and --auth-password-file go together");
            }
            Credentials credentials = Credentials.of(authUser, password(authPasswordFile));
            builder.credentials(authPlaintext ? credentials.allowingWithoutTls() : credentials);
        } else if (authPlaintext) {
            throw new UsageError("--auth-plaintext needs --auth-user and --auth-password-file");
        }
        if (bdat != null) {
            if (bdat < 1) {
                throw new UsageError("--bdat SIZE must be at least 1 octet, not " + bdat);
            }
            builder.chunkSize(bdat);
        }
        if (verbose) {
            builder.transcript(dialogue(out));
        }
        return builder.build();
    }

    /** The swaks habit: {@code ->} the client, {@code <-} the server, {@code <**} a refusal, {@code ===} a note. */
    private static Transcript dialogue(PrintWriter out) {
        return (direction, line) -> {
            switch (direction) {
                case CLIENT:
                    out.println(" -> " + line);
                    break;
                case SERVER:
                    out.println((line.startsWith("4") || line.startsWith("5") ? "<** " : "<-  ") + line);
                    break;
                default:
                    out.println("=== " + line);
                    break;
            }
        };
    }

    private static String password(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UsageError("--auth-password-file " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageError("cannot read --auth-password-file " + file + ": " + e);
        }
        String first = text.lines().findFirst().orElse("");
        if (first.isEmpty()) {
            throw new UsageError("--auth-password-file " + file + " is empty: the password is its first line");
        }
        return first;
    }

    private Envelope envelope() {
        Envelope.Builder builder = Envelope.builder().from(from);
        to.forEach(builder::to);
        return builder.build();
    }

    private MessageBody body() {
        if (data == null) {
            return MessageBody.of(testMessage());
        }
        if (data.equals("-")) {
            return MessageBody.of(stdin, -1);
        }
        Path file = Path.of(data);
        try {
            return MessageBody.of(file);
        } catch (NoSuchFileException e) {
            throw new UsageError("--data " + file + " does not exist");
        } catch (IOException e) {
            throw new UsageError("cannot read --data " + file + ": " + e);
        }
    }

    /** A short message with the header fields RFC 5322 3.6 requires (Date, From) and a unique Message-ID. */
    private String testMessage() {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        String domain = from.lastIndexOf('@') >= 0 ? from.substring(from.lastIndexOf('@') + 1) : "pillarbox.invalid";
        return "Date: " + date + "\r\n"
                + "From: " + (from.isEmpty() ? "<>" : "<" + from + ">") + "\r\n"
                + "To: " + String.join(", ", to.stream().map(t -> "<" + t + ">").toList()) + "\r\n"
                + "Subject: test " + date + "\r\n"
                + "Message-ID: <" + UUID.randomUUID() + "@" + domain.toLowerCase(Locale.ROOT) + ">\r\n"
                + "\r\n"
                + "This is a test message sent by pillarbox send.\r\n";
    }
}
