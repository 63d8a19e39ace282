package dev.pillarbox.smtp.core;

import java.util.List;
import java.util.Objects;

/**
 * What the {@link ReplyCodeCatalog} knows about one reply code: its RFC title, a description, when a client
 * sees it, how to fix the cause, and the RFC sections that define it. Immutable.
 *
 * @param code the reply code
 * @param title the RFC's wording, e.g. "Start mail input; end with &lt;CRLF&gt;.&lt;CRLF&gt;"
 * @param description what the code means
 * @param whenSeen which commands or moments of a session produce it
 * @param howToFix what the client (or its operator) should do about it
 * @param source the defining RFC sections, e.g. "RFC 5321 4.2.2, 4.1.1.4"
 */
public record ReplyCodeInfo(ReplyCode code, String title, String description, String whenSeen, String howToFix,
                            String source) {

    private static final int WIDTH = 78;
    private static final String[] LABELS = {"Category", "Subject", "Meaning", "When seen", "How to fix", "Source"};

    /** Validates that no component is null or blank. */
    public ReplyCodeInfo {
        Objects.requireNonNull(code, "code");
        for (String s : new String[] {title, description, whenSeen, howToFix, source}) {
            if (s == null || s.isBlank()) {
                throw new IllegalArgumentException("reply code info for " + code + " has an empty field");
            }
        }
    }

    /**
     * A plain-text description for a terminal, lines of at most 78 characters separated by '\n', e.g.
     * <pre>
     * 354 Start mail input; end with &lt;CRLF&gt;.&lt;CRLF&gt;
     *   Category:   3yz Positive Intermediate
     *   ...
     * </pre>
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        List<String> titleLines = PlainText.wrap(title, WIDTH - 4);
        for (int j = 0; j < titleLines.size(); j++) {
            sb.append(j == 0 ? code + " " : "    ").append(titleLines.get(j)).append('\n');
        }
        String[] values = {code.category().label(), code.subject().label(), description, whenSeen, howToFix, source};
        int labelWidth = 2 + "How to fix:".length() + 1;
        for (int i = 0; i < LABELS.length; i++) {
            List<String> lines = PlainText.wrap(values[i], WIDTH - labelWidth);
            for (int j = 0; j < lines.size(); j++) {
                String label = j == 0 ? "  " + LABELS[i] + ":" : "";
                sb.append(PlainText.pad(label, labelWidth)).append(lines.get(j)).append('\n');
            }
        }
        return sb.toString();
    }
}
