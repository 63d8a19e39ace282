package dev.pillarbox.smtp.extensions.auth;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding: the password never crosses the connection and the
 * server proves it knows the user's keys too. Steps: client-first -> server-first (nonce, salt, iterations);
 * client-final (proof) -> server-final ({@code v=} signature), sent as a last challenge the client answers empty.
 * For an unknown user the exchange runs with made-up keys, a salt derived from the name and the iteration count of the
 * real entries ({@link Authenticator#scramIterations}), so the server-first message does not tell which users exist
 * (RFC 5802 9); it then fails on the proof.
 */
final class ScramSha256Exchange implements SaslExchange {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Authenticator authenticator;
    private final byte[] fakeSaltKey;

    private String username;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;
    private ScramCredentials credentials;
    private boolean known;

    ScramSha256Exchange(Authenticator authenticator, byte[] fakeSaltKey) {
        this.authenticator = authenticator;
        this.fakeSaltKey = fakeSaltKey;
    }

    @Override
    public SaslStep start() {
        return SaslStep.challenge(new byte[0]); // RFC 5802 5: the client speaks first
    }

    @Override
    public SaslStep respond(byte[] response) {
        String text = Utf8.decode(response);
        if (text == null) {
            return SaslStep.failure();
        }
        try {
            return serverFirst == null ? clientFirst(text) : clientFinal(text);
        } catch (UncheckedIOException e) {
            return SaslStep.temporaryFailure();
        }
    }

    /** RFC 5802 7: gs2-header client-first-message-bare. */
    private SaslStep clientFirst(String message) {
        int first = message.indexOf(',');
        int second = first < 0 ? -1 : message.indexOf(',', first + 1);
        if (second < 0) {
            return SaslStep.failure();
        }
        String flag = message.substring(0, first);
        if (!flag.equals("n") && !flag.equals("y")) {
            return SaslStep.failure(); // "p=": channel binding, which the server does not offer (no -PLUS)
        }
        String authzid = message.substring(first + 1, second);
        gs2Header = message.substring(0, second + 1);
        clientFirstBare = message.substring(second + 1);
        String[] attributes = clientFirstBare.split(",", -1);
        if (attributes.length < 2 || !attributes[0].startsWith("n=") || !attributes[1].startsWith("r=")) {
            return SaslStep.failure(); // also a mandatory extension "m=" first
        }
        username = saslName(attributes[0].substring(2));
        String clientNonce = attributes[1].substring(2);
        if (username == null || username.isEmpty() || !printable(clientNonce)) {
            return SaslStep.failure();
        }
        if (!authzid.isEmpty() && !(authzid.startsWith("a=") && username.equals(saslName(authzid.substring(2))))) {
            return SaslStep.failure(); // acting for another user is not supported
        }
        Optional<ScramCredentials> stored = authenticator.scramSha256(username);
        known = stored.isPresent();
        credentials = stored.orElseGet(this::fakeCredentials);
        byte[] serverNonce = new byte[18];
        RANDOM.nextBytes(serverNonce);
        nonce = clientNonce + Base64.getEncoder().encodeToString(serverNonce);
        serverFirst = "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(credentials.salt()) + ",i="
                + credentials.iterations();
        return SaslStep.challenge(serverFirst.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 5802 7: channel-binding "," nonce ["," extensions] "," proof. */
    private SaslStep clientFinal(String message) {
        int at = message.lastIndexOf(",p=");
        if (at < 0) {
            return SaslStep.failure();
        }
        String withoutProof = message.substring(0, at);
        String[] attributes = withoutProof.split(",", -1);
        String binding = "c=" + Base64.getEncoder().encodeToString(gs2Header.getBytes(StandardCharsets.UTF_8));
        if (attributes.length < 2 || !attributes[0].equals(binding) || !attributes[1].equals("r=" + nonce)) {
            return SaslStep.failure();
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(message.substring(at + 3));
        } catch (IllegalArgumentException e) {
            return SaslStep.failure();
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] storedKey = credentials.storedKey();
        byte[] signature = Crypto.hmac(storedKey, authMessage);
        if (proof.length != signature.length) {
            return SaslStep.failure();
        }
        byte[] clientKey = new byte[signature.length];
        for (int i = 0; i < clientKey.length; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        boolean valid = MessageDigest.isEqual(Crypto.sha256(clientKey), storedKey);
        Arrays.fill(clientKey, (byte) 0);
        if (!valid || !known) {
            return SaslStep.failure();
        }
        String serverFinal = "v=" + Base64.getEncoder().encodeToString(
                Crypto.hmac(credentials.serverKey(), authMessage));
        return SaslStep.success(username, serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private ScramCredentials fakeCredentials() {
        byte[] salt = Arrays.copyOf(Crypto.hmac(fakeSaltKey, username), 16);
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return ScramCredentials.of(salt, authenticator.scramIterations(), key, key);
    }

    /** RFC 5802 5.1: "=2C" is ',' and "=3D" is '='; any other '=' is invalid (null). */
    private static String saslName(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',') {
                return null;
            }
            if (c == '=') {
                if (text.startsWith("=2C", i)) {
                    out.append(',');
                } else if (text.startsWith("=3D", i)) {
                    out.append('=');
                } else {
                    return null;
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** RFC 5802 7: a nonce is printable ASCII except ','. */
    private static boolean printable(String nonce) {
        return !nonce.isEmpty() && nonce.chars().allMatch(c -> c >= 0x21 && c <= 0x7e && c != ',');
    }
}
