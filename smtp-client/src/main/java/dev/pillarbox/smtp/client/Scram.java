package dev.pillarbox.smtp.client;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The client side of SCRAM-SHA-256 (RFC 7677, RFC 5802) without channel binding ({@code n,,}): client-first,
 * then the proof for the server-first message, then verification of the server's signature, which proves the server
 * knows the password too. One instance per exchange.
 */
final class Scram {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String GS2_HEADER = "n,,";
    /** Upper bound on the server's iteration count, so that a hostile server cannot make the client spin. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private final String username;
    private final String password;
    private final String clientNonce;
    private String clientFirstBare;
    private byte[] expectedServerSignature;

    Scram(String username, String password) {
        this(username, password, nonce());
    }

    /** With a fixed nonce, for the RFC 7677 test vector. */
    Scram(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    private static String nonce() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }

    /** client-first-message: {@code n,,n=user,r=nonce}. */
    String clientFirst() {
        clientFirstBare = "n=" + saslName(prepare(username)) + ",r=" + clientNonce;
        return GS2_HEADER + clientFirstBare;
    }

    /**
     * client-final-message for {@code serverFirst}: {@code c=biws,r=nonce,p=proof}.
     *
     * @throws IllegalArgumentException naming what is wrong with the server's message
     */
    String clientFinal(String serverFirst) {
        String nonce = attribute(serverFirst, 'r');
        String salt = attribute(serverFirst, 's');
        String iterationText = attribute(serverFirst, 'i');
        if (!nonce.startsWith(clientNonce) || nonce.length() == clientNonce.length()) {
            throw new IllegalArgumentException("the server's nonce does not extend the client's (RFC 5802 5.1)");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(iterationText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the server's iteration count is not a number: " + iterationText);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("the server's iteration count " + iterations + " is outside 1-"
                    + MAX_ITERATIONS);
        }
        byte[] saltBytes;
        try {
            saltBytes = Base64.getDecoder().decode(salt);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the server's salt is not base64");
        }
        String withoutProof = "c=" + Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII))
                + ",r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = hi(prepare(password), saltBytes, iterations);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] storedKey = sha256(clientKey);
        byte[] clientSignature = hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
    }

    /**
     * Checks server-final-message {@code v=signature}.
     *
     * @throws IllegalArgumentException if it is an error ({@code e=...}) or the signature does not verify
     */
    void verifyServerFinal(String serverFinal) {
        if (serverFinal.startsWith("e=")) {
            throw new IllegalArgumentException("the server reported SCRAM error " + serverFinal.substring(2));
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(attribute(serverFinal, 'v'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the server's final SCRAM message has no valid v= signature");
        }
        if (!MessageDigest.isEqual(signature, expectedServerSignature)) {
            throw new IllegalArgumentException("the server's SCRAM signature does not verify: it does not know the"
                    + " password (RFC 5802 5.1)");
        }
    }

    private static String attribute(String message, char name) {
        for (String part : message.split(",")) {
            if (part.length() >= 2 && part.charAt(0) == name && part.charAt(1) == '=') {
                return part.substring(2);
            }
        }
        throw new IllegalArgumentException("the server's SCRAM message has no " + name + "= attribute");
    }

    /** RFC 5802 5.1: '=' and ',' in the user name are escaped as =3D and =2C. */
    private static String saslName(String name) {
        return name.replace("=", "=3D").replace(",", "=2C");
    }

    /**
     * SASLprep (RFC 4013) as far as it changes real passwords: non-ASCII spaces become SPACE, and the text is NFKC
     * normalised. ASCII text is unchanged.
     */
    static String prepare(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> sb.appendCodePoint(Character.isSpaceChar(cp) ? ' ' : cp));
        return Normalizer.normalize(sb, Normalizer.Form.NFKC);
    }

    private static byte[] hi(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from the JDK", e);
        }
    }

    private static byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from the JDK", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
