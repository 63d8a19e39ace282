package dev.pillarbox.smtp.milter;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A hand-written fake filter on a loopback port for what a well-behaved filter cannot do: break the protocol on
 * purpose, answer with exact bytes, or never answer. It logs every packet it receives and answers each with what
 * the script returns for it (nothing: no answer). One connection at a time.
 */
final class ScriptedFilter implements AutoCloseable {

    /** A reply of the negotiation: version 6, {@code actions}, {@code options}. */
    static MilterPacket optneg(int version, int actions, int options) {
        return MilterPacket.of('O', java.nio.ByteBuffer.allocate(12).putInt(version).putInt(actions)
                .putInt(options).array());
    }

    static final MilterPacket CONTINUE = MilterPacket.of((byte) 'c');

    private final ServerSocket server;
    private final Thread thread;
    private final List<MilterPacket> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Socket current;

    /**
     * Starts the fake; {@code script} maps each received packet to the raw bytes to answer with (empty: no answer,
     * null: close the connection).
     */
    ScriptedFilter(Function<MilterPacket, byte[]> script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(() -> serve(script), "scripted-filter");
        thread.setDaemon(true);
        thread.start();
    }

    /** A fake that accepts connections and never reads or answers. */
    static ScriptedFilter silent() throws IOException {
        return new ScriptedFilter(null);
    }

    private void serve(Function<MilterPacket, byte[]> script) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                current = s;
                if (script == null) {
                    // accept and never answer: wait until the client gives up
                    s.getInputStream().readAllBytes();
                    continue;
                }
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (true) {
                    int length = in.readInt();
                    byte command = in.readByte();
                    byte[] data = new byte[length - 1];
                    in.readFully(data);
                    MilterPacket p = MilterPacket.of(command, data);
                    received.add(p);
                    byte[] answer = script.apply(p);
                    if (answer == null) {
                        break;
                    }
                    out.write(answer);
                    out.flush();
                }
            } catch (EOFException e) {
                // the client closed
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    MilterSocket socket() {
        return MilterSocket.inet("127.0.0.1", server.getLocalPort());
    }

    /** The packets received so far, in order. */
    List<MilterPacket> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The commands received so far as characters, e.g. "ODCDHDMDRT". */
    String commands() {
        StringBuilder sb = new StringBuilder();
        for (MilterPacket p : received()) {
            sb.append((char) p.command());
        }
        return sb.toString();
    }

    /** Concatenated wire bytes of {@code packets}. */
    static byte[] answer(MilterPacket... packets) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (MilterPacket p : packets) {
            out.writeBytes(p.toBytes());
        }
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        Socket s = current;
        if (s != null) {
            s.close();
        }
        thread.join(5000);
    }
}
