package dev.pillarbox.smtp.plugins.examples.attachments;

import java.util.Locale;
import java.util.Objects;

/**
 * An attachment found in a message: a MIME part with a file name ({@code Content-Disposition: attachment} or a
 * {@code filename}/{@code name} parameter).
 *
 * @param fileName the file name as given (may be empty for an attachment without one)
 * @param mimeType the part's type, lower case, e.g. {@code application/pdf}
 */
public record Attachment(String fileName, String mimeType) {

    /** Validates the components. */
    public Attachment {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(mimeType, "mimeType");
    }

    /** The file name's extension, lower case without the dot, or empty. */
    public String extension() {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    }

    /** How the header lists it: the file name, or the type for one without a name. */
    String label() {
        return fileName.isEmpty() ? "(" + mimeType + ")" : fileName;
    }
}
