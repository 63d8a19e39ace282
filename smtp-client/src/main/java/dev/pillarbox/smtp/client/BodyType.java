package dev.pillarbox.smtp.client;

/** What the message data contains, declared with MAIL's BODY parameter. */
public enum BodyType {
    /** 7-bit ASCII text lines (RFC 5321); no BODY parameter is sent. */
    SEVEN_BIT(null),
    /** 8-bit text lines: {@code BODY=8BITMIME} (RFC 6152); needs the server's 8BITMIME. */
    EIGHT_BIT_MIME("8BITMIME"),
    /** Any octets: {@code BODY=BINARYMIME} (RFC 3030 3); needs BINARYMIME and CHUNKING, and is sent with BDAT. */
    BINARY_MIME("BINARYMIME");

    private final String parameter;

    BodyType(String parameter) {
        this.parameter = parameter;
    }

    /** The BODY value, or null for SEVEN_BIT (which is the default and not sent). */
    String parameter() {
        return parameter;
    }
}
