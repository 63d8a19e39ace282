package dev.pillarbox.smtp.extensions.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 exchange of RFC 7677 section 3 (user "user", password "pencil"), checked byte for byte. */
class ScramSha256VectorTest {

    private static final String CLIENT_FIRST_BARE = "n=user,r=rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    private static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void testClientProducesTheRfcMessages() {
        ScramClient client = new ScramClient("user", "pencil", "rOprNGfwEbeRWgbNEkqO");
        assertThat(decode(client.clientFirst())).isEqualTo("n,," + CLIENT_FIRST_BARE);
        assertThat(decode(client.clientFinal(encode(SERVER_FIRST)))).isEqualTo(CLIENT_FINAL);
        assertThat(client.verifyServerFinal(encode(SERVER_FINAL))).isTrue();
    }

    @Test
    void storedKeysVerifyTheRfcProofAndSignTheRfcServerFinal() {
        ScramCredentials keys = ScramCredentials.derive("pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);
        String authMessage = CLIENT_FIRST_BARE + "," + SERVER_FIRST + ","
                + CLIENT_FINAL.substring(0, CLIENT_FINAL.indexOf(",p="));
        byte[] proof = Base64.getDecoder().decode("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        byte[] signature = Crypto.hmac(keys.storedKey(), authMessage);
        byte[] clientKey = new byte[32];
        for (int i = 0; i < 32; i++) {
            clientKey[i] = (byte) (proof[i] ^ signature[i]);
        }
        assertThat(MessageDigest.isEqual(Crypto.sha256(clientKey), keys.storedKey())).isTrue();
        assertThat("v=" + Base64.getEncoder().encodeToString(Crypto.hmac(keys.serverKey(), authMessage)))
                .isEqualTo(SERVER_FINAL);
        assertThat(keys.matches("pencil")).isTrue();
        assertThat(keys.matches("pencil ")).isFalse();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
