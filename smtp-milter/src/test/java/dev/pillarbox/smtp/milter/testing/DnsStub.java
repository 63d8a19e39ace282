package dev.pillarbox.smtp.milter.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;

/**
 * A DNS server on a loopback UDP port that answers every query at once with NXDOMAIN (RFC 1035 4.1.1, RCODE 3):
 * the machine's resolver is not on loopback and nothing outside answers, so a filter that looks names up (rspamd:
 * SPF, DKIM, DMARC, RBLs) would otherwise wait for its timeouts on every message.
 */
public final class DnsStub implements AutoCloseable {

    private final DatagramSocket socket;
    private final Thread thread;

    public DnsStub() throws SocketException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "dns-stub");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            DatagramPacket query = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(query);
                byte[] answer = nxdomain(query.getData(), query.getLength());
                if (answer != null) {
                    socket.send(new DatagramPacket(answer, answer.length, query.getSocketAddress()));
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    /** The reply to {@code query}: its id and question, QR and RA set, RCODE NXDOMAIN, no records. */
    static byte[] nxdomain(byte[] query, int length) {
        if (length < 12) {
            return null;
        }
        // the question: QNAME labels up to the root label, then QTYPE and QCLASS
        int end = 12;
        while (end < length && query[end] != 0) {
            end += (query[end] & 0xff) + 1;
        }
        end += 5;
        if (end > length) {
            return null;
        }
        byte[] answer = java.util.Arrays.copyOf(query, end);
        answer[2] = (byte) (0x80 | (query[2] & 0x01));      // QR, opcode QUERY, RD as asked
        answer[3] = (byte) 0x83;                            // RA, RCODE 3 (NXDOMAIN)
        answer[4] = 0;
        answer[5] = 1;                                      // QDCOUNT 1
        for (int i = 6; i < 12; i++) {
            answer[i] = 0;                                  // ANCOUNT, NSCOUNT, ARCOUNT
        }
        return answer;
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5000);
    }
}
