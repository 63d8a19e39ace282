package dev.pillarbox.server.web;

import dev.pillarbox.server.web.MimeMessage.Header;
import dev.pillarbox.server.web.MimeMessage.Part;
import dev.pillarbox.server.web.MimeMessage.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.io.MaxLineLimitException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Parses a stored message with Apache Mime4J's token stream: one pass over the file, event by event, so a 50 MB
 * message is never held whole; what is kept is capped (the header fields, the text and HTML parts, the parts
 * listed). Hostile structure does not stop the page: a broken boundary is read as Mime4J's lenient parser reads it
 * (RFC 2046 section 5.1.1's body without its closing delimiter), a limit reached ends the parse with what was read
 * so far and a {@link MimeMessage#problem()}, an unknown charset is decoded as ISO-8859-1 (every byte is a character).
 */
public final class MimeReader {

    /** Leaf parts listed in a message's view; the rest are counted (a 10,000-part message lists the first ones). */
    public static final int MAX_LISTED_PARTS = 100;
    /** Header fields kept of the top-level entity. */
    public static final int MAX_HEADERS = 500;
    /** Characters kept of one header field's value. */
    public static final int MAX_HEADER_CHARS = 16 * 1024;
    /** Characters kept of the text part and of the HTML part. */
    public static final int MAX_TEXT_CHARS = 1024 * 1024;

    // Mime4J's defaults refuse lines over 1000 octets and stop at 512 parts: long lines are common in real mail
    // (HTML, unwrapped base64), and a message with many parts should still be listed, so both are raised; one
    // header field and all header fields together stay bounded, since they are what the parser buffers.
    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(256 * 1024)
            .setMaxHeaderCount(10_000)
            .setMaxTotalHeaderCount(200_000)
            .setMaxTotalHeaderLen(32L * 1024 * 1024)
            .setMaxPartCount(100_000)
            .setMaxNestingDepth(64)
            .setMaxContentLen(-1)
            .build();

    private MimeReader() {
    }

    /** How much of each part to read. */
    public enum Depth {
        /** Headers, and the parts listed with their types and names only: for the list of messages. */
        SUMMARY,
        /** Also the text and HTML parts' content and the listed parts' decoded sizes: for a message's view. */
        FULL
    }

    /**
     * Parses {@code message}; the caller closes it.
     *
     * @throws IOException if the file cannot be read (a structure Mime4J cannot parse is a problem, not an error)
     */
    public static MimeMessage read(InputStream message, Depth depth) throws IOException {
        List<Header> headers = new ArrayList<>();
        List<Part> parts = new ArrayList<>();
        Text text = null;
        Text html = null;
        int partCount = 0;
        String problem = null;
        MimeTokenStream tokens = tokens(message);
        PartHeader partHeader = new PartHeader();
        boolean topHeader = true;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                switch (state) {
                    case T_START_HEADER -> partHeader = new PartHeader();
                    case T_FIELD -> {
                        Field field = tokens.getField();
                        partHeader.add(field);
                        if (topHeader && headers.size() < MAX_HEADERS) {
                            headers.add(new Header(field.getName(), cut(headerValue(field), MAX_HEADER_CHARS)));
                        }
                    }
                    case T_END_HEADER -> topHeader = false;
                    case T_BODY -> {
                        BodyDescriptor body = tokens.getBodyDescriptor();
                        int index = partCount++;
                        if (index >= MAX_LISTED_PARTS) {
                            continue;
                        }
                        String type = body.getMimeType().toLowerCase(Locale.ROOT);
                        String filename = partHeader.filename();
                        boolean attachment = partHeader.attachment() || !filename.isEmpty();
                        long size = -1;
                        if (depth == Depth.FULL) {
                            if (!attachment && text == null && type.equals("text/plain")) {
                                text = text(tokens.getDecodedInputStream(), body.getCharset());
                            } else if (!attachment && html == null && type.equals("text/html")) {
                                html = text(tokens.getDecodedInputStream(), body.getCharset());
                            } else {
                                size = tokens.getDecodedInputStream().transferTo(OutputStreamSink.INSTANCE);
                            }
                        }
                        parts.add(new Part(index, type, filename, attachment, size));
                    }
                    default -> {
                        // multipart boundaries, preambles and epilogues: nothing to show
                    }
                }
            }
        } catch (MimeException | MaxLineLimitException e) {
            problem = "the MIME structure could not be read past this point: " + e.getMessage();
        } catch (IOException e) {
            if (!(e.getCause() instanceof MimeException)) {
                throw e;
            }
            problem = "the MIME structure could not be read past this point: " + e.getCause().getMessage();
        }
        return new MimeMessage(headers, Optional.ofNullable(text), Optional.ofNullable(html), parts, partCount,
                Optional.ofNullable(problem));
    }

    /**
     * Reads {@code message} up to its leaf part {@code index} and returns that part with a stream of its decoded
     * content, read from {@code message} as the caller reads it; the caller closes {@code message}.
     *
     * @return empty if the message has no such part
     */
    public static Optional<PartContent> openPart(InputStream message, int index) throws IOException {
        MimeTokenStream tokens = tokens(message);
        PartHeader partHeader = new PartHeader();
        int partCount = 0;
        try {
            for (EntityState state = tokens.getState(); state != EntityState.T_END_OF_STREAM; state = tokens.next()) {
                if (state == EntityState.T_START_HEADER) {
                    partHeader = new PartHeader();
                } else if (state == EntityState.T_FIELD) {
                    partHeader.add(tokens.getField());
                } else if (state == EntityState.T_BODY && partCount++ == index) {
                    String filename = partHeader.filename();
                    Part part = new Part(index, tokens.getBodyDescriptor().getMimeType().toLowerCase(Locale.ROOT),
                            filename, partHeader.attachment() || !filename.isEmpty(), -1);
                    return Optional.of(new PartContent(part, tokens.getDecodedInputStream()));
                }
            }
        } catch (MimeException | MaxLineLimitException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * A leaf part and its decoded content.
     *
     * @param part what it is
     * @param content its decoded bytes (base64 and quoted-printable undone), streamed
     */
    public record PartContent(Part part, InputStream content) {
    }

    private static MimeTokenStream tokens(InputStream message) {
        MimeTokenStream tokens = new MimeTokenStream(CONFIG); // lenient: strict parsing is off in CONFIG
        // an attached message (message/rfc822) is an attachment to download, not parts of this message
        tokens.setRecursionMode(RecursionMode.M_NO_RECURSE);
        tokens.parse(message);
        return tokens;
    }

    /** A header field's value: the raw bytes as UTF-8 (RFC 6532), unfolded, encoded words decoded (RFC 2047). */
    static String headerValue(Field field) {
        String raw = decodeUtf8(field.getRaw().toByteArray());
        int colon = raw.indexOf(':');
        String value = (colon < 0 ? raw : raw.substring(colon + 1))
                .replaceAll("\r?\n(?=[ \t])", "").strip(); // unfolding, RFC 5322 section 2.2.3
        try {
            return DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not fail", e);
        }
    }

    private static Text text(InputStream decoded, String declaredCharset) throws IOException {
        Charset charset = charset(declaredCharset);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        StringBuilder out = new StringBuilder();
        boolean truncated = false;
        Reader reader = new InputStreamReader(decoded, decoder);
        char[] buffer = new char[8192];
        for (int n; (n = reader.read(buffer)) > 0; ) {
            int keep = Math.min(n, MAX_TEXT_CHARS - out.length());
            out.append(buffer, 0, keep);
            if (keep < n) {
                truncated = true;
                break;
            }
        }
        return new Text(out.toString(), charset.name(), truncated);
    }

    /** The declared charset, or ISO-8859-1 when it is unknown or not a charset name (each byte stays visible). */
    static Charset charset(String declared) {
        if (declared == null || declared.isBlank()) {
            return StandardCharsets.US_ASCII;
        }
        try {
            return Charset.forName(declared.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return StandardCharsets.ISO_8859_1;
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "\u2026";
    }

    /** What a leaf part's header says about it being an attachment. */
    private static final class PartHeader {

        private RawBody disposition;
        private RawBody contentType;

        void add(Field field) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            if (!name.equals("content-disposition") && !name.equals("content-type")) {
                return;
            }
            RawBody body;
            try {
                RawField raw = RawFieldParser.DEFAULT.parseField(field.getRaw());
                body = RawFieldParser.DEFAULT.parseRawBody(raw);
            } catch (MimeException e) {
                return;
            }
            if (name.equals("content-disposition")) {
                disposition = body;
            } else {
                contentType = body;
            }
        }

        boolean attachment() {
            return disposition != null && disposition.getValue().equalsIgnoreCase("attachment");
        }

        /** {@code filename} of Content-Disposition (RFC 2183), else {@code name} of Content-Type, or empty. */
        String filename() {
            String name = parameter(disposition, "filename");
            return name.isEmpty() ? parameter(contentType, "name") : name;
        }

        /** A parameter, with RFC 2231's {@code name*=charset'lang'%XX} and continuations, and RFC 2047 words. */
        private static String parameter(RawBody body, String name) {
            if (body == null) {
                return "";
            }
            String plain = null;
            String extended = null;
            StringBuilder continued = new StringBuilder();
            for (NameValuePair p : body.getParams()) {
                String key = p.getName().toLowerCase(Locale.ROOT);
                String value = p.getValue() == null ? "" : p.getValue();
                if (key.equals(name)) {
                    plain = value;
                } else if (key.equals(name + "*")) {
                    extended = value;
                } else if (key.startsWith(name + "*") && key.matches(".*\\*\\d+\\*?")) {
                    continued.append(value); // RFC 2231 section 3, in the order written
                }
            }
            if (extended == null && continued.length() > 0) {
                extended = continued.toString();
            }
            if (extended != null) {
                int first = extended.indexOf('\'');
                int second = first < 0 ? -1 : extended.indexOf('\'', first + 1);
                if (second > 0) {
                    Charset charset = charset(extended.substring(0, first));
                    try {
                        return URLDecoder.decode(extended.substring(second + 1).replace("+", "%2B"), charset);
                    } catch (IllegalArgumentException e) {
                        return extended.substring(second + 1);
                    }
                }
                return extended;
            }
            if (plain == null) {
                return "";
            }
            try {
                return DecoderUtil.decodeEncodedWords(plain, DecodeMonitor.SILENT);
            } catch (IllegalArgumentException e) {
                return plain;
            }
        }
    }

    /** Counts and drops bytes: decoded sizes are measured without keeping the content. */
    private static final class OutputStreamSink extends java.io.OutputStream {

        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // dropped: only the count matters
        }

        @Override
        public void write(byte[] b, int off, int len) {
            // dropped: only the count matters
        }
    }
}
