package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.SocketFactory;

/**
 * Postfix's {@code smtp-sink} (Debian package postfix) on a free loopback port: it takes SMTP or LMTP ({@code -L})
 * and throws the mail away. Its options make it misbehave on purpose: {@code -f CMD} refuses a command with 5xx,
 * {@code -r CMD} with 4xx (both also stop it offering PIPELINING), {@code -q CMD} hangs up instead of replying,
 * {@code -N} offers no DSN, {@code -e} speaks plain SMTP, {@code -d}/{@code -D} dump what it received (see
 * {@code man smtp-sink}). Ready once it greets with 220; stopped by its PID.
 */
public final class SmtpSink extends EngineProcess {

    private static final String PROGRAM = "/usr/sbin/smtp-sink";
    private static final Duration READY = Duration.ofSeconds(60);

    private final int port;

    private SmtpSink(int port) {
        this.port = port;
    }

    /**
     * Starts smtp-sink with {@code options} (e.g. {@code "-r", "RCPT"}), its output in a new log file in
     * {@code dir}. As root it runs as {@code nobody}: it refuses root without dropping privileges.
     *
     * @param dir where its log goes
     * @param options smtp-sink's options, before its address
     * @return the running sink, ready
     * @throws IOException if it cannot be started
     * @throws InterruptedException if interrupted while waiting for its greeting
     */
    public static SmtpSink start(Path dir, String... options) throws IOException, InterruptedException {
        SmtpSink sink = new SmtpSink(freePort());
        List<String> command = new ArrayList<>(List.of(PROGRAM));
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1:" + sink.port, "256"));
        sink.launch(command, Map.of(), Files.createTempFile(dir, "smtp-sink", ".log"), READY);
        return sink;
    }

    @Override
    protected boolean ready() {
        return greets(port, SocketFactory.getDefault());
    }

    /**
     * Its port on 127.0.0.1.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Its address as a client's {@code --server} option takes it.
     *
     * @return {@code 127.0.0.1:PORT}
     */
    public String server() {
        return "127.0.0.1:" + port;
    }
}
