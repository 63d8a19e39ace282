package dev.pillarbox.smtp.server.proxy;

import java.io.ByteArrayOutputStream;

/** Builds PROXY protocol v2 headers for tests: signature, version/command, family, length, then {@code body}. */
public final class ProxyV2Headers {

    private ProxyV2Headers() {
    }

    /** A v2 header, e.g. {@code header(0x21, 0x11, addresses)} for PROXY over TCP/IPv4. */
    public static byte[] header(int versionCommand, int family, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ProxyHeaderDecoder.V2_SIGNATURE);
        out.write(versionCommand);
        out.write(family);
        out.write(body.length >> 8);
        out.write(body.length & 0xFF);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
