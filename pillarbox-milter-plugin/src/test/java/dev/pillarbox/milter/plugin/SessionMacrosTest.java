package dev.pillarbox.milter.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code {cipher_bits}} from the JSSE cipher suite names, as Postfix gives the symmetric key length. */
class SessionMacrosTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "none", value = {
        "TLS_AES_128_GCM_SHA256, 128",
        "TLS_AES_256_GCM_SHA384, 256",
        "TLS_CHACHA20_POLY1305_SHA256, 256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, 128",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, 256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, 256",
        "TLS_EMPTY_RENEGOTIATION_INFO_SCSV, none",
    })
    void cipherBitsIsTheSymmetricKeyLength(String suite, String bits) {
        assertThat(SessionMacros.cipherBits(suite)).isEqualTo(bits);
    }
}
