package dev.pillarbox.smtp.extensions.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * An {@link Authenticator} over a password file, one user a line, never a plaintext password:
 *
 * <pre>
 * # SCRAM keys (RFC 5802 3): PLAIN, LOGIN and SCRAM-SHA-256
 * alice:scram-sha-256:65536:&lt;salt b64&gt;:&lt;StoredKey b64&gt;:&lt;ServerKey b64&gt;
 * # a salted PBKDF2-HMAC-SHA-256 hash: PLAIN and LOGIN only
 * bob:pbkdf2-sha256:210000:&lt;salt b64&gt;:&lt;hash b64&gt;
 * </pre>
 *
 * Make a line with {@code java -cp pillarbox-server.jar dev.pillarbox.smtp.extensions.auth.PasswordFileAuthenticator
 * alice} (asks for the password; {@code --pbkdf2} for the other format, {@code --iterations N}). An unknown user
 * costs the same PBKDF2 work as a known one, so timing does not reveal which names exist; SCRAM offers an unknown
 * user the iteration count most SCRAM entries use ({@link #scramIterations}), so its {@code i=} does not either
 * when every entry has the same count, which {@link #warnings} checks.
 */
public final class PasswordFileAuthenticator implements Authenticator {

    /**
     * Iterations of new {@code pbkdf2-sha256} entries: PBKDF2-HMAC-SHA-256 slow enough to make a stolen file
     * expensive to crack. Only the server computes them, so no client limit applies (new SCRAM entries use
     * {@link ScramCredentials#DEFAULT_ITERATIONS}).
     */
    public static final int DEFAULT_PBKDF2_ITERATIONS = 210_000;

    private static final String SCRAM = "scram-sha-256";
    private static final String PBKDF2 = "pbkdf2-sha256";

    private final Map<String, Entry> users;
    private final Entry dummy;
    private final int scramIterations;
    private final List<String> warnings;

    private PasswordFileAuthenticator(Map<String, Entry> users, String label) {
        this.users = Map.copyOf(users);
        int iterations = users.values().stream().mapToInt(e -> e.iterations).max().orElse(DEFAULT_PBKDF2_ITERATIONS);
        this.dummy = Entry.pbkdf2(iterations, new byte[16], new byte[32]);
        Map<Integer, Long> scramCounts = users.values().stream().filter(e -> e.scram != null)
                .collect(Collectors.groupingBy(e -> e.iterations, TreeMap::new, Collectors.counting()));
        // the most common count (the larger one on a tie), so that most users look like unknown ones
        this.scramIterations = scramCounts.entrySet().stream()
                .max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(ScramCredentials.DEFAULT_ITERATIONS);
        this.warnings = warnings(label, scramCounts);
    }

    private static List<String> warnings(String label, Map<Integer, Long> scramCounts) {
        List<String> out = new ArrayList<>();
        if (scramCounts.size() > 1) {
            out.add(label + ": the scram-sha-256 entries use different iteration counts (" + scramCounts.keySet()
                    + "), so SCRAM's i= tells users of the less common counts apart from unknown ones;"
                    + " re-create them with one count");
        }
        long tooMany = scramCounts.entrySet().stream()
                .filter(e -> e.getKey() > ScramCredentials.CYRUS_SASL_MAX_ITERATIONS)
                .mapToLong(Map.Entry::getValue).sum();
        if (tooMany > 0) {
            out.add(label + ": " + tooMany + " scram-sha-256 entr" + (tooMany == 1 ? "y uses" : "ies use")
                    + " more than " + ScramCredentials.CYRUS_SASL_MAX_ITERATIONS + " iterations, which clients using"
                    + " Cyrus SASL (Postfix, mutt) refuse; re-create them with the default count");
        }
        return List.copyOf(out);
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException naming the file and line of the first invalid entry (without its content)
     */
    public static PasswordFileAuthenticator load(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the lines of a password file; {@code label} names it in errors. */
    public static PasswordFileAuthenticator parse(List<String> lines, String label) {
        Map<String, Entry> users = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = label + ":" + (i + 1) + ": ";
            String[] f = line.split(":", -1);
            if (f.length < 2 || f[0].isEmpty()) {
                throw new IllegalArgumentException(where + "expected user:scheme:..., e.g. user:" + SCRAM + ":...");
            }
            Entry entry;
            try {
                entry = entry(f);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + "user " + f[0] + ": " + e.getMessage(), e);
            }
            if (users.put(f[0], entry) != null) {
                throw new IllegalArgumentException(where + "user " + f[0] + " appears twice");
            }
        }
        return new PasswordFileAuthenticator(users, label);
    }

    private static Entry entry(String[] f) {
        Base64.Decoder b64 = Base64.getDecoder();
        if (f[1].equals(SCRAM) && f.length == 6) {
            int iterations = iterations(f[2]);
            return Entry.scram(ScramCredentials.of(b64.decode(f[3]), iterations, b64.decode(f[4]),
                    b64.decode(f[5])));
        }
        if (f[1].equals(PBKDF2) && f.length == 5) {
            int iterations = iterations(f[2]);
            byte[] salt = b64.decode(f[3]);
            byte[] hash = b64.decode(f[4]);
            if (salt.length < 8 || hash.length != 32) {
                throw new IllegalArgumentException("needs a salt of at least 8 bytes and a 32-byte hash");
            }
            return Entry.pbkdf2(iterations, salt, hash);
        }
        throw new IllegalArgumentException("expected " + SCRAM + ":<iterations>:<salt>:<StoredKey>:<ServerKey> or "
                + PBKDF2 + ":<iterations>:<salt>:<hash>");
    }

    private static int iterations(String text) {
        if (!text.matches("[0-9]{1,9}") || Integer.parseInt(text) < ScramCredentials.MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be a number of at least "
                    + ScramCredentials.MIN_ITERATIONS);
        }
        return Integer.parseInt(text);
    }

    /** A new {@code scram-sha-256} line for {@code user} with a random 16-byte salt. */
    public static String scramEntry(String user, String password, int iterations) {
        checkUser(user);
        return user + ":" + SCRAM + ":" + ScramCredentials.derive(password, randomSalt(), iterations).fields();
    }

    /** A new {@code pbkdf2-sha256} line for {@code user} with a random 16-byte salt. */
    public static String pbkdf2Entry(String user, String password, int iterations) {
        checkUser(user);
        byte[] salt = randomSalt();
        Base64.Encoder b64 = Base64.getEncoder();
        return user + ":" + PBKDF2 + ":" + iterations + ":" + b64.encodeToString(salt) + ":"
                + b64.encodeToString(Crypto.pbkdf2(password, salt, iterations));
    }

    /** The number of users in the file. */
    public int size() {
        return users.size();
    }

    /**
     * What an operator should fix in the file, one sentence each: SCRAM entries with different iteration counts
     * (SCRAM's {@code i=} then tells some users apart from unknown ones) or with more than Cyrus SASL clients accept.
     */
    public List<String> warnings() {
        return warnings;
    }

    @Override
    public boolean verifyPassword(String username, String password) {
        Entry entry = users.get(username);
        if (entry == null) {
            dummy.matches(password); // the same work as for a real user
            return false;
        }
        return entry.matches(password);
    }

    @Override
    public Optional<ScramCredentials> scramSha256(String username) {
        Entry entry = users.get(username);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.scram);
    }

    /** The iteration count most of the file's SCRAM entries use; the default when it has none. */
    @Override
    public int scramIterations() {
        return scramIterations;
    }

    /**
     * Prints a password file line: {@code PasswordFileAuthenticator [--pbkdf2] [--iterations N] USER}. The password
     * is read from the console without echo (twice), or from the first line of standard input.
     */
    public static void main(String[] args) throws IOException {
        boolean pbkdf2 = false;
        Integer iterations = null;
        String user = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pbkdf2")) {
                pbkdf2 = true;
            } else if (args[i].equals("--iterations") && i + 1 < args.length) {
                iterations = iterations(args[++i]);
            } else if (user == null && !args[i].startsWith("-")) {
                user = args[i];
            } else {
                user = null;
                break;
            }
        }
        if (user == null) {
            System.err.println("usage: PasswordFileAuthenticator [--pbkdf2] [--iterations N] USER");
            System.exit(2);
            return;
        }
        if (iterations == null) {
            iterations = pbkdf2 ? DEFAULT_PBKDF2_ITERATIONS : ScramCredentials.DEFAULT_ITERATIONS;
        } else if (!pbkdf2 && iterations > ScramCredentials.CYRUS_SASL_MAX_ITERATIONS) {
            System.err.println("warning: clients using Cyrus SASL (Postfix, mutt) refuse SCRAM iteration counts above "
                    + ScramCredentials.CYRUS_SASL_MAX_ITERATIONS);
        }
        String password;
        Console console = System.console();
        if (console != null) {
            char[] first = console.readPassword("Password for %s: ", user);
            char[] second = console.readPassword("Again: ");
            if (first == null || !Arrays.equals(first, second)) {
                System.err.println("the passwords differ");
                System.exit(1);
                return;
            }
            password = new String(first);
        } else {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (password == null) {
                System.err.println("no password on standard input");
                System.exit(1);
                return;
            }
        }
        System.out.println(pbkdf2 ? pbkdf2Entry(user, password, iterations) : scramEntry(user, password, iterations));
    }

    private static void checkUser(String user) {
        if (user.isEmpty() || user.indexOf(':') >= 0 || user.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a user name must be non-empty, without ':' or control characters");
        }
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    /** One user's verifier. */
    private static final class Entry {
        final int iterations;
        final byte[] salt;
        final byte[] hash;
        final ScramCredentials scram;

        private Entry(int iterations, byte[] salt, byte[] hash, ScramCredentials scram) {
            this.iterations = iterations;
            this.salt = salt;
            this.hash = hash;
            this.scram = scram;
        }

        static Entry pbkdf2(int iterations, byte[] salt, byte[] hash) {
            return new Entry(iterations, salt, hash, null);
        }

        static Entry scram(ScramCredentials scram) {
            return new Entry(scram.iterations(), null, null, scram);
        }

        boolean matches(String password) {
            if (scram != null) {
                return scram.matches(password);
            }
            return MessageDigest.isEqual(hash, Crypto.pbkdf2(password, salt, iterations));
        }
    }
}
