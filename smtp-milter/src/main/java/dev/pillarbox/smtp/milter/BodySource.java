package dev.pillarbox.smtp.milter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The body of a message (the octets after the blank line that ends the header section, CRLF line endings,
 * dot-stuffing removed), readable more than once: each filter of a chain reads it from the start.
 */
@FunctionalInterface
public interface BodySource {

    /** A new stream over the body from its first octet; the caller closes it. */
    InputStream open() throws IOException;

    /** A body held in memory; the array is not copied. */
    static BodySource of(byte[] body) {
        return new BodySource() {
            @Override
            public InputStream open() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public byte[] bytes() {
                return body;
            }
        };
    }

    /** The whole body as octets (read into memory unless it is already there). */
    default byte[] bytes() throws IOException {
        try (InputStream in = open()) {
            return in.readAllBytes();
        }
    }
}
