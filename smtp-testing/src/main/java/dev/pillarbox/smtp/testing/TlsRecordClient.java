package dev.pillarbox.smtp.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * A TLS client on an {@link SSLEngine} over a plain socket that unwraps the server's records one at a time, so a test
 * sees each record the server sent, also the ones that carry no application data. An alert is a record of its own:
 * {@code close_notify} is the record whose unwrap reports {@link SSLEngineResult.Status#CLOSED}, a warning such as
 * {@code user_canceled} one that yields no data and leaves the engine open (under TLS 1.3 the record type on the wire
 * is application data for both, so only decryption tells them apart from data).
 */
public final class TlsRecordClient implements AutoCloseable {

    /** What unwrapping one record gave. */
    public record Received(SSLEngineResult.Status status, String data) {
        /** True for a {@code close_notify} alert. */
        public boolean closeNotify() {
            return status == SSLEngineResult.Status.CLOSED;
        }
    }

    private static final int HEADER = 5;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    private final ByteBuffer appIn;

    private TlsRecordClient(Socket socket, SSLEngine engine) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.engine = engine;
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Connects to an implicit TLS listener and completes the handshake with {@code protocol}, e.g. "TLSv1.3". */
    public static TlsRecordClient connect(InetSocketAddress address, SSLContext context, String protocol)
            throws IOException {
        Socket socket = new Socket();
        socket.connect(address, 5000);
        socket.setSoTimeout(5000);
        SSLEngine engine = context.createSSLEngine(address.getHostString(), address.getPort());
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        TlsRecordClient client = new TlsRecordClient(socket, engine);
        client.handshake();
        return client;
    }

    /** The negotiated protocol. */
    public String protocol() {
        return engine.getSession().getProtocol();
    }

    private void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP:
                    wrap(ByteBuffer.allocate(0));
                    break;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    unwrap(readRecord());
                    break;
                case NEED_TASK:
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                    break;
                default:
                    return; // FINISHED or NOT_HANDSHAKING
            }
        }
    }

    /** Sends {@code line} and CRLF as application data. */
    public void send(String line) throws IOException {
        wrap(ByteBuffer.wrap((line + "\r\n").getBytes(StandardCharsets.US_ASCII)));
    }

    /** Reads records until one carries application data, and returns that data. */
    public String readData() throws IOException {
        while (true) {
            Received received = unwrap(readRecord());
            if (!received.data().isEmpty()) {
                return received.data();
            }
            if (received.closeNotify()) {
                throw new EOFException("close_notify while waiting for data");
            }
        }
    }

    /** Every record the server sends until it closes the TCP connection, each unwrapped. */
    public List<Received> readUntilClosed() throws IOException {
        List<Received> records = new ArrayList<>();
        while (true) {
            byte[] record;
            try {
                record = readRecord();
            } catch (EOFException e) {
                return records;
            }
            records.add(unwrap(record));
        }
    }

    private byte[] readRecord() throws IOException {
        byte[] header = new byte[HEADER];
        in.readFully(header);
        int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
        byte[] record = new byte[HEADER + length];
        System.arraycopy(header, 0, record, 0, HEADER);
        in.readFully(record, HEADER, length);
        return record;
    }

    private Received unwrap(byte[] record) throws SSLException {
        appIn.clear();
        ByteBuffer net = ByteBuffer.wrap(record);
        SSLEngineResult result = engine.unwrap(net, appIn);
        if (net.hasRemaining()) {
            throw new IllegalStateException("one record was not consumed whole: " + result);
        }
        appIn.flip();
        byte[] data = new byte[appIn.remaining()];
        appIn.get(data);
        return new Received(result.getStatus(), new String(data, StandardCharsets.US_ASCII));
    }

    private void wrap(ByteBuffer app) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        do {
            net.clear();
            engine.wrap(app, net);
            net.flip();
            out.write(net.array(), 0, net.limit());
        } while (app.hasRemaining());
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
