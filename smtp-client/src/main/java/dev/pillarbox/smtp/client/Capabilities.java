package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Reply;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a server said it can do in its EHLO or LHLO reply (RFC 5321 4.1.1.1): the first line names the server, each
 * further line is {@code keyword [SP parameter]*}. A typed view of the extensions the client uses, plus the raw
 * keywords and their parameters for everything else. Keywords are case-insensitive. Immutable.
 *
 * <p>After a HELO fall-back ({@link #esmtp()} false) no extension is offered.
 */
public final class Capabilities {

    private final Reply reply;
    private final boolean esmtp;
    private final Map<String, List<String>> keywords;
    private final Set<String> authMechanisms;

    private Capabilities(Reply reply, boolean esmtp, Map<String, List<String>> keywords, Set<String> authMechanisms) {
        this.reply = reply;
        this.esmtp = esmtp;
        this.keywords = Collections.unmodifiableMap(keywords);
        this.authMechanisms = Collections.unmodifiableSet(authMechanisms);
    }

    /**
     * The capabilities in a positive EHLO or LHLO reply. Blank lines (smtp-sink ends its reply with {@code "250 "})
     * are skipped; {@code AUTH=LOGIN PLAIN}, the pre-RFC 2554 form some servers add, counts as AUTH.
     */
    public static Capabilities ofEhlo(Reply reply) {
        Objects.requireNonNull(reply, "reply");
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Set<String> auth = new LinkedHashSet<>();
        List<String> lines = reply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().split(" +");
            if (words[0].isEmpty()) {
                continue;
            }
            String keyword = words[0].toUpperCase(Locale.ROOT);
            List<String> parameters = new ArrayList<>(words.length - 1);
            for (int w = 1; w < words.length; w++) {
                parameters.add(words[w]);
            }
            if (keyword.startsWith("AUTH=")) {
                parameters.add(0, keyword.substring(5));
                keyword = "AUTH";
            }
            if (keyword.equals("AUTH")) {
                for (String p : parameters) {
                    auth.add(p.toUpperCase(Locale.ROOT));
                }
            }
            List<String> before = keywords.get(keyword);
            if (before == null || before.isEmpty()) { // a repeated keyword (AUTH and AUTH=) keeps its parameters
                keywords.put(keyword, List.copyOf(parameters));
            }
        }
        return new Capabilities(reply, true, keywords, auth);
    }

    /** The capabilities after a HELO reply: plain RFC 5321, no extensions. */
    public static Capabilities ofHelo(Reply reply) {
        return new Capabilities(Objects.requireNonNull(reply, "reply"), false, new LinkedHashMap<>(),
                new LinkedHashSet<>());
    }

    /** The EHLO, LHLO or HELO reply these were read from. */
    public Reply reply() {
        return reply;
    }

    /** The first word of the reply's first line: the name the server gives itself. */
    public String serverName() {
        String first = reply.lines().get(0).trim();
        int sp = first.indexOf(' ');
        return sp < 0 ? first : first.substring(0, sp);
    }

    /** False after a fall-back to HELO: the server speaks no service extensions. */
    public boolean esmtp() {
        return esmtp;
    }

    /** The keywords offered, upper-case, in the server's order. */
    public Set<String> keywords() {
        return keywords.keySet();
    }

    /** True if {@code keyword} (any case) is offered. */
    public boolean supports(String keyword) {
        return keywords.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The parameters of {@code keyword} as the server wrote them; empty if none or not offered. */
    public List<String> parameters(String keyword) {
        return keywords.getOrDefault(keyword.toUpperCase(Locale.ROOT), List.of());
    }

    /** PIPELINING (RFC 2920). */
    public boolean pipelining() {
        return supports("PIPELINING");
    }

    /** STARTTLS (RFC 3207). */
    public boolean startTls() {
        return supports("STARTTLS");
    }

    /** SIZE (RFC 1870) is offered: the client may declare the message size on MAIL. */
    public boolean size() {
        return supports("SIZE");
    }

    /**
     * The fixed maximum message size of SIZE in octets; empty when SIZE is not offered, has no number, or says 0
     * (no fixed limit, RFC 1870 4).
     */
    public OptionalLong sizeLimit() {
        List<String> p = parameters("SIZE");
        if (p.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long limit = Long.parseLong(p.get(0));
            return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty(); // a limit the server cannot state is no limit the client can check
        }
    }

    /** 8BITMIME (RFC 6152). */
    public boolean eightBitMime() {
        return supports("8BITMIME");
    }

    /** BINARYMIME (RFC 3030 3). */
    public boolean binaryMime() {
        return supports("BINARYMIME");
    }

    /** CHUNKING, the BDAT command (RFC 3030 2). */
    public boolean chunking() {
        return supports("CHUNKING");
    }

    /** SMTPUTF8 (RFC 6531). */
    public boolean smtpUtf8() {
        return supports("SMTPUTF8");
    }

    /** DSN (RFC 3461). */
    public boolean dsn() {
        return supports("DSN");
    }

    /** ENHANCEDSTATUSCODES (RFC 2034). */
    public boolean enhancedStatusCodes() {
        return supports("ENHANCEDSTATUSCODES");
    }

    /** The SASL mechanisms of AUTH (RFC 4954), upper-case; empty when AUTH is not offered. */
    public Set<String> authMechanisms() {
        return authMechanisms;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Capabilities && ((Capabilities) o).reply.equals(reply)
                && ((Capabilities) o).esmtp == esmtp;
    }

    @Override
    public int hashCode() {
        return reply.hashCode();
    }

    /** E.g. {@code mx.example [PIPELINING, SIZE 10240000, AUTH PLAIN LOGIN]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(serverName()).append(esmtp ? " [" : " (HELO) [");
        String sep = "";
        for (Map.Entry<String, List<String>> e : keywords.entrySet()) {
            sb.append(sep).append(e.getKey());
            for (String p : e.getValue()) {
                sb.append(' ').append(p);
            }
            sep = ", ";
        }
        return sb.append(']').toString();
    }
}
