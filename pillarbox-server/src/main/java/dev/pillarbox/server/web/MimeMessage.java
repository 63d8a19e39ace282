package dev.pillarbox.server.web;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the web inbox shows of one message, parsed from its file: the header fields, the first text part, the first
 * HTML part (not yet sanitised), and the leaf parts (attachments and inline parts), of which at most
 * {@link MimeReader#MAX_LISTED_PARTS} are listed.
 *
 * @param headers the header fields of the top-level entity, in order, decoded (RFC 2047); at most
 *     {@link MimeReader#MAX_HEADERS}
 * @param text the first {@code text/plain} leaf, decoded, cut at {@link MimeReader#MAX_TEXT_CHARS}
 * @param html the first {@code text/html} leaf, decoded, cut at {@link MimeReader#MAX_TEXT_CHARS}
 * @param parts the first leaf parts
 * @param partCount how many leaf parts the message has (more than {@code parts} when the list was capped)
 * @param problem what stopped the parser early (a broken structure, a limit), if anything
 */
public record MimeMessage(List<Header> headers, Optional<Text> text, Optional<Text> html, List<Part> parts,
        int partCount, Optional<String> problem) {

    /** Copies the components. */
    public MimeMessage {
        headers = List.copyOf(headers);
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        parts = List.copyOf(parts);
        Objects.requireNonNull(problem, "problem");
    }

    /** The first value of the header field {@code name} (case-insensitive), or empty text. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return "";
    }

    /** How many leaf parts are attachments (by disposition or file name). */
    public long attachmentCount() {
        return parts.stream().filter(Part::attachment).count();
    }

    /**
     * One header field, unfolded and decoded.
     *
     * @param name the field name as written
     * @param value the value, cut at {@link MimeReader#MAX_HEADER_CHARS}
     */
    public record Header(String name, String value) {

        /** Checks the components. */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A text part's content.
     *
     * @param content the decoded characters
     * @param charset the charset it was decoded from (the declared one, or the fallback for an unknown one)
     * @param truncated true when the part was longer than what is kept
     */
    public record Text(String content, String charset, boolean truncated) {

        /** Checks the components. */
        public Text {
            Objects.requireNonNull(content, "content");
            Objects.requireNonNull(charset, "charset");
        }
    }

    /**
     * A leaf part.
     *
     * @param index its number among the message's leaf parts, from 0, in the order they appear
     * @param contentType the MIME type, lower case, e.g. {@code image/png}
     * @param filename the file name from {@code Content-Disposition} or {@code Content-Type}'s name, or empty
     * @param attachment true when it is an attachment rather than the message's text
     * @param size its decoded size in bytes, or -1 when not measured
     */
    public record Part(int index, String contentType, String filename, boolean attachment, long size) {

        /** Checks the components. */
        public Part {
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(filename, "filename");
        }
    }
}
