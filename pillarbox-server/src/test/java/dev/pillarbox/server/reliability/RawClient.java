package dev.pillarbox.server.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A lean blocking SMTP client for load and crash tests, where thousands of {@code SmtpTestClient}s (64 KiB
 * buffer each) would distort memory figures: one socket, a 512-byte read buffer, replies returned as their
 * last line ({@code "250 2.0.0 OK"}), every read bounded by a timeout.
 */
final class RawClient implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[512];
    private int position;
    private int limit;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects with {@code timeout} for the connect and for every read. */
    static RawClient connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RawClient(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends {@code text} as ASCII/UTF-8 bytes, exactly as given (add CRLF yourself). */
    RawClient send(String text) throws IOException {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends these exact bytes. */
    RawClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends {@code line} + CRLF and returns the last line of the reply. */
    String command(String line) throws IOException {
        send(line + "\r\n");
        return readReply();
    }

    /** Reads one whole reply (all lines of a multi-line reply) and returns its last line without CRLF. */
    String readReply() throws IOException {
        while (true) {
            String line = readLine();
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    /** One whole transaction after the greeting: EHLO, MAIL, RCPT, DATA, body, QUIT; the reply to the body. */
    String transaction(String sender, String recipient, byte[] dotStuffedBodyWithEnd) throws IOException {
        expect(command("EHLO load.client.example"), "250 ");
        expect(command("MAIL FROM:<" + sender + ">"), "250 ");
        expect(command("RCPT TO:<" + recipient + ">"), "250 ");
        expect(command("DATA"), "354 ");
        sendRaw(dotStuffedBodyWithEnd);
        String reply = readReply();
        expect(command("QUIT"), "221 ");
        return reply;
    }

    /** Fails with the reply unless it starts with {@code prefix}. */
    static String expect(String reply, String prefix) throws IOException {
        if (!reply.startsWith(prefix)) {
            throw new IOException("expected " + prefix.trim() + ", got: " + reply);
        }
        return reply;
    }

    /** True when the server has closed the connection (end of stream or reset) before {@code timeout}. */
    boolean awaitClose(Duration timeout) {
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            while (position < limit || in.read(buffer) >= 0) {
                position = limit; // discard what is left
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The underlying socket (for shutdownOutput, timeouts). */
    Socket socket() {
        return socket;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            if (position == limit) {
                int n = in.read(buffer);
                if (n < 0) {
                    throw new IOException("connection closed by the server"
                            + (line.size() > 0 ? " after \"" + line.toString(StandardCharsets.UTF_8) + "\"" : ""));
                }
                position = 0;
                limit = n;
            }
            byte b = buffer[position++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
