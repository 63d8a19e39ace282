package dev.pillarbox.smtp.plugins.examples.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Finds the attachments of a message with Apache Mime4J's {@link MimeTokenStream}: a pull parser that walks the
 * MIME structure (RFC 2045, 2046) and skips the bodies without keeping them, so memory stays bounded by the limits of
 * its {@link MimeConfig} (line and header lengths, header count) whatever the size of the message.
 */
final class AttachmentScanner {

    // a parameter of Content-Type or Content-Disposition: name="value" or name=value (RFC 2045 5.1, RFC 2183)
    private static final Pattern FILENAME =
            Pattern.compile("(?i);\\s*(filename|name)\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");

    private final int maxParts;

    AttachmentScanner(int maxParts) {
        this.maxParts = maxParts;
    }

    /** The message's structure is beyond the parser's limits (a MIME bomb, or not a message at all). */
    static final class UnreadableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The message's attachments, in order.
     *
     * @throws IOException if the content cannot be read
     * @throws UnreadableException if the structure breaks the parser's limits (lines, header fields, parts, nesting)
     */
    List<Attachment> scan(InputStream content) throws IOException, UnreadableException {
        MimeConfig config = new MimeConfig.Builder()
                .setMaxLineLen(64 * 1024) // long base64 lines are common; a line over this is refused
                .setMaxHeaderLen(64 * 1024)
                .setMaxHeaderCount(1000)
                .setMaxPartCount(maxParts)
                .setMaxNestingDepth(20)
                .setStrictParsing(false)
                .build();
        MimeTokenStream parser = new MimeTokenStream(config);
        parser.parse(content);
        List<Attachment> found = new ArrayList<>();
        String contentType = null;
        String disposition = null;
        try {
            for (EntityState state = parser.getState(); state != EntityState.T_END_OF_STREAM;
                    state = parser.next()) {
                switch (state) {
                    case T_START_HEADER -> {
                        contentType = null;
                        disposition = null;
                    }
                    case T_FIELD -> {
                        Field field = parser.getField();
                        String name = field.getName().toLowerCase(Locale.ROOT);
                        if (name.equals("content-type")) {
                            contentType = field.getBody();
                        } else if (name.equals("content-disposition")) {
                            disposition = field.getBody();
                        }
                    }
                    case T_BODY -> {
                        Attachment attachment = attachment(parser.getBodyDescriptor().getMimeType(), contentType,
                                disposition);
                        if (attachment != null) {
                            found.add(attachment);
                        }
                    }
                    default -> { }
                }
            }
        } catch (MimeException e) {
            throw new UnreadableException(e.getMessage(), e);
        }
        return found;
    }

    // a part is an attachment when its disposition says so or it carries a file name
    private static Attachment attachment(String mimeType, String contentType, String disposition) {
        String fileName = parameter(disposition);
        if (fileName == null) {
            fileName = parameter(contentType);
        }
        boolean attached = disposition != null
                && disposition.strip().toLowerCase(Locale.ROOT).startsWith("attachment");
        if (fileName == null && !attached) {
            return null;
        }
        return new Attachment(fileName == null ? "" : fileName, mimeType.toLowerCase(Locale.ROOT));
    }

    private static String parameter(String field) {
        if (field == null) {
            return null;
        }
        Matcher m = FILENAME.matcher(field);
        if (!m.find()) {
            return null;
        }
        return m.group(3) != null ? m.group(3) : m.group(2);
    }
}
