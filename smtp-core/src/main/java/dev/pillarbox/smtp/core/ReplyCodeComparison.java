package dev.pillarbox.smtp.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Two reply codes side by side: category, subject, meaning, when seen, what to do and source, each as a
 * {@link Row} that says whether both codes agree. Texts come from the {@link ReplyCodeCatalog}; a code it
 * does not list shows {@value #NOT_IN_CATALOG} there. Immutable. {@link #render()} gives the plain-text
 * table a CLI prints for {@code explain 354 500}.
 */
public final class ReplyCodeComparison {

    /** The cell text for a code the catalog does not list. */
    public static final String NOT_IN_CATALOG = "(not in catalog)";

    private static final int ASPECT_WIDTH = 10;
    private static final int CELL_WIDTH = 28;

    /**
     * One aspect of both codes.
     *
     * @param aspect what is compared, e.g. "Category"
     * @param left the value for the first code
     * @param right the value for the second code
     */
    public record Row(String aspect, String left, String right) {

        /** Validates the components. */
        public Row {
            Objects.requireNonNull(aspect, "aspect");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        /** True if both codes have the same value for this aspect. */
        public boolean same() {
            return left.equals(right);
        }
    }

    private final ReplyCode left;
    private final ReplyCode right;
    private final List<Row> rows;

    private ReplyCodeComparison(ReplyCode left, ReplyCode right) {
        this.left = left;
        this.right = right;
        Optional<ReplyCodeInfo> l = left.info();
        Optional<ReplyCodeInfo> r = right.info();
        List<Row> list = new ArrayList<>();
        list.add(new Row("Category", left.category().label(), right.category().label()));
        list.add(new Row("Subject", left.subject().label(), right.subject().label()));
        list.add(row("Meaning", l, r, ReplyCodeInfo::title));
        list.add(row("When seen", l, r, ReplyCodeInfo::whenSeen));
        list.add(row("What to do", l, r, ReplyCodeInfo::howToFix));
        list.add(row("Source", l, r, ReplyCodeInfo::source));
        this.rows = List.copyOf(list);
    }

    private static Row row(String aspect, Optional<ReplyCodeInfo> l, Optional<ReplyCodeInfo> r,
            Function<ReplyCodeInfo, String> field) {
        return new Row(aspect, l.map(field).orElse(NOT_IN_CATALOG), r.map(field).orElse(NOT_IN_CATALOG));
    }

    /** The comparison of {@code left} with {@code right}. */
    public static ReplyCodeComparison of(ReplyCode left, ReplyCode right) {
        return new ReplyCodeComparison(Objects.requireNonNull(left, "left"), Objects.requireNonNull(right, "right"));
    }

    /** The first code. */
    public ReplyCode left() {
        return left;
    }

    /** The second code. */
    public ReplyCode right() {
        return right;
    }

    /** All rows, in the order category, subject, meaning, when seen, what to do, source. */
    public List<Row> rows() {
        return rows;
    }

    /** Only the rows where the codes differ. */
    public List<Row> differences() {
        return rows.stream().filter(r -> !r.same()).toList();
    }

    /**
     * A plain-text table, lines of at most 79 characters separated by '\n': a header with both codes, then
     * one block per row with the texts wrapped to their columns and "yes" or "no" in the Same column.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        line(sb, "Aspect", left.toString(), right.toString(), "Same");
        sb.append("-".repeat(ASPECT_WIDTH)).append("-+-").append("-".repeat(CELL_WIDTH)).append("-+-")
                .append("-".repeat(CELL_WIDTH)).append("-+-----\n");
        for (Row row : rows) {
            List<String> l = PlainText.wrap(row.left(), CELL_WIDTH);
            List<String> r = PlainText.wrap(row.right(), CELL_WIDTH);
            for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
                line(sb, i == 0 ? row.aspect() : "", i < l.size() ? l.get(i) : "", i < r.size() ? r.get(i) : "",
                        i == 0 ? (row.same() ? "yes" : "no") : "");
            }
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String aspect, String l, String r, String same) {
        String text = PlainText.pad(aspect, ASPECT_WIDTH) + " | " + PlainText.pad(l, CELL_WIDTH) + " | "
                + PlainText.pad(r, CELL_WIDTH) + " | " + same;
        sb.append(text.stripTrailing()).append('\n');
    }

    @Override
    public String toString() {
        return "ReplyCodeComparison[" + left + " vs " + right + "]";
    }
}
