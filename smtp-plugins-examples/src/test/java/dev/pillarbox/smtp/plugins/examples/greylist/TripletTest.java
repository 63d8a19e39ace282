package dev.pillarbox.smtp.plugins.examples.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TripletTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.77,                192.0.2.0/24",
        "192.0.2.255,               192.0.2.0/24",
        "10.1.2.3,                  10.1.2.0/24",
        "2001:db8:1:2:3:4:5:6,      2001:db8:1:2:0:0:0:0/64",
        "2001:db8:1:2:ffff::1,      2001:db8:1:2:0:0:0:0/64",
        "::1,                       0:0:0:0:0:0:0:0/64",
    })
    void clientIsCutToItsNetworkBecauseLargeSendersRetryFromAnotherHostOfThePool(String address, String network)
            throws Exception {
        assertThat(Triplet.network(InetAddress.getByName(address))).isEqualTo(network);
    }

    @Test
    void tripletIsLowerCaseWithAngleBrackets() throws Exception {
        Triplet triplet = Triplet.of(InetAddress.getByName("192.0.2.9"), ReversePath.parse("<Alice@Example.ORG>"),
                ForwardPath.parse("<Bob@example.NET>"));
        assertThat(triplet).isEqualTo(new Triplet("192.0.2.0/24", "<alice@example.org>", "<bob@example.net>"));
    }
}
