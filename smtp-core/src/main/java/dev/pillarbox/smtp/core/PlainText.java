package dev.pillarbox.smtp.core;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for the plain-text renderings of {@link ReplyCodeInfo} and {@link ReplyCodeComparison}. */
final class PlainText {

    private PlainText() {
    }

    /**
     * Splits {@code text} into lines of at most {@code width} characters at spaces; a word longer than
     * {@code width} is cut. Never returns an empty list.
     */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split(" +")) {
            while (word.length() > width) {
                if (line.length() > 0) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /** {@code s} padded with spaces to {@code width}. */
    static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }
}
