package dev.pillarbox.smtp.plugins.examples.directory;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.Mailbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recipients a server accepts, immutable once read. The file has one entry per line:
 *
 * <pre>
 * # comments and blank lines are ignored
 * alice@example.org
 * postmaster@example.org
 * sales@example.org: alice@example.org, bob@example.net
 * </pre>
 *
 * A plain line is a mailbox; {@code alias: target1, target2} makes the alias a known recipient that expands to
 * the targets. Addresses are matched case-insensitively (RFC 5321 2.4 lets a server treat local parts so, and
 * users expect it). A local part containing a colon cannot be listed.
 */
public final class RecipientDirectory {

    private final Map<String, Entry> entries;

    /**
     * A known recipient.
     *
     * @param mailbox the address as written in the file
     * @param targets the alias's targets; empty for a mailbox
     */
    public record Entry(Mailbox mailbox, List<Mailbox> targets) {

        /** Copies the targets. */
        public Entry {
            targets = List.copyOf(targets);
        }

        /** True for an alias line. */
        public boolean isAlias() {
            return !targets.isEmpty();
        }
    }

    private RecipientDirectory(Map<String, Entry> entries) {
        this.entries = Map.copyOf(entries);
    }

    /**
     * Reads the directory file (UTF-8).
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if a line is not an address or alias, naming the file and line
     */
    public static RecipientDirectory read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses the directory from text; {@code source} names it in error messages.
     *
     * @throws IllegalArgumentException if a line is not an address or alias
     */
    public static RecipientDirectory parse(String text, String source) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String where = source + ":" + number;
                int colon = content.indexOf(':');
                Entry entry = colon < 0 ? new Entry(mailbox(content, where), List.of())
                        : new Entry(mailbox(content.substring(0, colon).strip(), where),
                                targets(content.substring(colon + 1), where));
                if (entries.putIfAbsent(key(entry.mailbox()), entry) != null) {
                    throw new IllegalArgumentException(where + ": " + entry.mailbox() + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
        return new RecipientDirectory(entries);
    }

    private static List<Mailbox> targets(String list, String where) {
        List<Mailbox> targets = new ArrayList<>();
        for (String target : list.split(",")) {
            if (!target.isBlank()) {
                targets.add(mailbox(target.strip(), where));
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(where + ": an alias needs at least one target after the colon");
        }
        return targets;
    }

    private static Mailbox mailbox(String text, String where) {
        try {
            return Mailbox.parse(text, true);
        } catch (AddressSyntaxException e) {
            throw new IllegalArgumentException(where + ": \"" + text + "\" is not a mailbox: " + e.getMessage(), e);
        }
    }

    private static String key(Mailbox mailbox) {
        return mailbox.toString().toLowerCase(Locale.ROOT);
    }

    /** The entry for {@code mailbox}, if it is known. */
    public Optional<Entry> lookup(Mailbox mailbox) {
        return Optional.ofNullable(entries.get(key(mailbox)));
    }

    /** The entries whose local part is {@code localPart} (case-insensitively), for VRFY with a bare user name. */
    public List<Entry> byLocalPart(String localPart) {
        List<Entry> found = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.mailbox().localPart().equalsIgnoreCase(localPart)) {
                found.add(entry);
            }
        }
        return found;
    }

    /** Known recipients (mailboxes and aliases). */
    public int size() {
        return entries.size();
    }
}
