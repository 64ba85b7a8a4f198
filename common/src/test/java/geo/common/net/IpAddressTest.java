package geo.common.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "8.8.8.8, 8.8.8.8",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "2001:4860:4860:0:0:0:0:8888, 2001:4860:4860::8888",
            "2001:4860:4860::8888, 2001:4860:4860::8888",
            "2001:4860:4860:0000:0000:0000:0000:8888, 2001:4860:4860::8888",
            "2001:4860:4860::8888, 2001:4860:4860::8888",
            "2001:DB8::1, 2001:db8::1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "::ffff:8.8.8.8, 8.8.8.8",
            "::FFFF:0808:0808, 8.8.8.8",
            "0:0:0:0:0:ffff:1.1.1.1, 1.1.1.1",
            "64:ff9b::8.8.8.8, 64:ff9b::808:808",
            "2606:4700:4700::1111, 2606:4700:4700::1111",
    })
    void everyValidSpellingHasOneCanonicalForm(String text, String canonical) {
        assertEquals(canonical, IpAddress.parse(text).orElseThrow().canonical());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
            "", "example.com", "localhost", "dns.google", "8.8.8", "8.8.8.8.8", "256.1.1.1", "1.1.1.-1",
            "010.8.8.8", "0x8.8.8.8", "134744072", "08.8.8.8", "8.8.8.08", " 8.8.8.8", "8.8.8.8 ", "8.8.8.8.",
            ".8.8.8.8", "8..8.8", "８.８.８.８", "٨.٨.٨.٨", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "1::2::3", ":1::",
            "1:::2", "12345::", "g::1", "fe80::1%eth0", "fe80::1%25eth0", "[::1]", "::ffff:8.8.8", "1.2.3.4::",
            "::1.2.3.4:5", "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "8.8.8.8:80", "2001:db8::1/64", "+8.8.8.8",
            "1e1.1.1.1", "0000000000000000000000000000000000000000000000000000000000008.8.8.8"
    })
    void anythingElseIsNotAnAddress(String text) {
        assertTrue(IpAddress.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "::ffff:1.2.3.4", "2001:db8::"})
    void ipv4AndIpv6AreToldApart(String text) {
        IpAddress address = IpAddress.parse(text).orElseThrow();

        assertEquals(!text.equals("2001:db8::"), address.isIpv4());
    }
}
