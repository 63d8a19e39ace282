package org.example.mail.wire;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.codec.MalformedReplyException;
import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal SMTP client on a blocking socket, built on the Pillarbox codec alone: {@link CommandEncoder} writes the
 * command lines and dot-stuffs the body, {@link ReplyDecoder} turns the server's bytes into {@link Reply}s. One
 * command at a time (no pipelining); not thread-safe.
 */
public final class WireClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final CommandEncoder encoder = new CommandEncoder();
    private final ReplyDecoder decoder = new ReplyDecoder();
    private final ByteBuffer received = ByteBuffer.allocate(8192).limit(0);
    private final Reply greeting;

    private WireClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.greeting = read();
    }

    /** Connects to {@code address} and reads the greeting; every read waits at most {@code timeout}. */
    public static WireClient connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            return new WireClient(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's greeting (220 when it is ready, RFC 5321 4.3.1). */
    public Reply greeting() {
        return greeting;
    }

    /** Sends {@code verb argument} and returns the reply. */
    public Reply command(String verb, String argument) throws IOException {
        out.write(encoder.encode(Command.of(verb, argument)));
        out.flush();
        return read();
    }

    /**
     * Sends DATA and, after its 354, {@code message} (dot-stuffed, RFC 5321 4.5.2) and the end of the body; returns
     * the reply to the body, or DATA's own reply if it was not 354.
     */
    public Reply data(String message) throws IOException {
        Reply go = command("DATA", "");
        if (go.code().value() != 354) {
            return go;
        }
        encoder.startBody();
        out.write(encoder.body(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8))));
        out.write(encoder.endBody());
        out.flush();
        return read();
    }

    /** Says QUIT (RFC 5321 4.1.1.10) and closes the connection. */
    @Override
    public void close() throws IOException {
        try {
            command("QUIT", "");
        } finally {
            socket.close();
        }
    }

    private Reply read() throws IOException {
        while (true) {
            try {
                Reply reply = decoder.decode(received);
                if (reply != null) {
                    return reply;
                }
            } catch (MalformedReplyException e) {
                throw new IOException("malformed reply: " + e.getMessage(), e);
            }
            received.clear();
            int n = in.read(received.array(), 0, received.capacity());
            if (n < 0) {
                throw new IOException("the server closed the connection");
            }
            received.limit(n);
        }
    }
}
