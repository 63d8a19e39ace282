package dev.pillarbox.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SCRAM-SHA-256 client: RFC 7677's test vector, and a server whose signature does not verify. */
@Timeout(30)
class ScramTest {

    // RFC 7677 section 3
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_FIRST = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";

    @Test
    void rfc7677TestVector() {
        Scram scram = new Scram("user", "pencil", CLIENT_NONCE);
        assertThat(scram.clientFirst()).isEqualTo("n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        assertThat(scram.clientFinal(SERVER_FIRST)).isEqualTo("c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=");
        scram.verifyServerFinal("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
    }

    @Test
    void aWrongServerSignatureOrAForeignNonceIsRefused() {
        Scram scram = new Scram("user", "pencil", CLIENT_NONCE);
        scram.clientFirst();
        scram.clientFinal(SERVER_FIRST);
        assertThatThrownBy(() -> scram.verifyServerFinal("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4="))
                .hasMessage("the server's SCRAM signature does not verify: it does not know the password"
                        + " (RFC 5802 5.1)");
        assertThatThrownBy(() -> scram.verifyServerFinal("e=invalid-proof"))
                .hasMessage("the server reported SCRAM error invalid-proof");
        Scram other = new Scram("user", "pencil", "another-nonce");
        other.clientFirst();
        assertThatThrownBy(() -> other.clientFinal(SERVER_FIRST))
                .hasMessage("the server's nonce does not extend the client's (RFC 5802 5.1)");
    }

    @Test
    void userNamesAreEscapedAndPasswordsPrepared() {
        assertThat(new Scram("a=b,c", "x", "n").clientFirst()).isEqualTo("n,,n=a=3Db=2Cc,r=n");
        assertThat(Scram.prepare("a\u00A0b")).isEqualTo("a b"); // RFC 4013 2.1: non-ASCII space to SPACE
        assertThat(Scram.prepare("\u2168")).isEqualTo("IX"); // NFKC
    }

    @Test
    void aServerThatCannotProveItKnowsThePasswordIsCancelled() throws Exception {
        try (ScriptedServer server = ScriptedServer.start(peer -> {
            peer.send("220 mx.test ESMTP\r\n");
            peer.readLine();
            peer.send("250-mx.test\r\n250 AUTH SCRAM-SHA-256\r\n");
            String auth = peer.readLine(); // AUTH SCRAM-SHA-256 <client-first>
            String clientFirst = new String(Base64.getDecoder().decode(auth.substring(auth.lastIndexOf(' ') + 1)),
                    StandardCharsets.UTF_8);
            String nonce = clientFirst.substring(clientFirst.indexOf(",r=") + 3);
            peer.send("334 " + b64("r=" + nonce + "server,s=" + b64("salt") + ",i=4096") + "\r\n");
            peer.readLine(); // client-final with proof
            peer.send("334 " + b64("v=" + b64("not the right signature, 32 bytes")) + "\r\n");
            peer.readLine(); // "*"
            peer.send("501 5.7.0 Authentication cancelled\r\n");
            peer.readLine();
            peer.send("221 Bye\r\n");
        })) {
            ClientSettings settings = ClientSettings.builder().heloName("client.example")
                    .timeouts(Timeouts.all(Duration.ofSeconds(10))).credentials(Credentials.of("alice", "secret"))
                    .build();
            assertThatThrownBy(() -> SmtpClient.connect("127.0.0.1", server.port(), settings))
                    .isInstanceOf(SmtpAuthenticationException.class)
                    .hasMessage("AUTH SCRAM-SHA-256 cancelled: the server's SCRAM signature does not verify: it does"
                            + " not know the password (RFC 5802 5.1)");
            assertThat(server.awaitEnd()).isTrue();
            assertThat(server.lines()).endsWith("*", "QUIT");
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
