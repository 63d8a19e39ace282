package dev.pillarbox.smtp.extensions.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The client side of SCRAM-SHA-256 (RFC 5802 3), written from the RFC for the tests. */
final class ScramClient {

    private final String username;
    private final String password;
    private final String clientNonce;
    private String authMessage;
    private byte[] serverKey;

    ScramClient(String username, String password) {
        this(username, password, "rOprNGfwEbeRWgbNEkqO");
    }

    ScramClient(String username, String password, String clientNonce) {
        this.username = username;
        this.password = password;
        this.clientNonce = clientNonce;
    }

    private String clientFirstBare() {
        return "n=" + username.replace("=", "=3D").replace(",", "=2C") + ",r=" + clientNonce;
    }

    /** The base64 client-first message, gs2 header {@code n,,}. */
    String clientFirst() {
        return b64("n,," + clientFirstBare());
    }

    /** The base64 client-final message for the base64 server-first message. */
    String clientFinal(String serverFirstBase64) {
        String serverFirst = new String(Base64.getDecoder().decode(serverFirstBase64), StandardCharsets.UTF_8);
        String nonce = null;
        byte[] salt = null;
        int iterations = 0;
        for (String attribute : serverFirst.split(",")) {
            if (attribute.startsWith("r=")) {
                nonce = attribute.substring(2);
            } else if (attribute.startsWith("s=")) {
                salt = Base64.getDecoder().decode(attribute.substring(2));
            } else if (attribute.startsWith("i=")) {
                iterations = Integer.parseInt(attribute.substring(2));
            }
        }
        byte[] salted = Crypto.pbkdf2(password, salt, iterations);
        byte[] clientKey = Crypto.hmac(salted, "Client Key");
        byte[] storedKey = Crypto.sha256(clientKey);
        serverKey = Crypto.hmac(salted, "Server Key");
        String withoutProof = "c=biws,r=" + nonce;
        authMessage = clientFirstBare() + "," + serverFirst + "," + withoutProof;
        byte[] signature = Crypto.hmac(storedKey, authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ signature[i]);
        }
        return b64(withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof));
    }

    /** True if the base64 server-final message carries the expected server signature. */
    boolean verifyServerFinal(String serverFinalBase64) {
        String serverFinal = new String(Base64.getDecoder().decode(serverFinalBase64), StandardCharsets.UTF_8);
        String expected = "v=" + Base64.getEncoder().encodeToString(Crypto.hmac(serverKey, authMessage));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                serverFinal.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
