package geo.api.address;

import geo.common.net.IpAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressScopeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0|a 'this network' address",
            "10.1.2.3|a private address",
            "172.16.0.1|a private address",
            "172.31.255.255|a private address",
            "192.168.1.1|a private address",
            "100.64.0.1|a shared (carrier-grade NAT) address",
            "127.0.0.1|a loopback address",
            "169.254.169.254|a link-local address",
            "192.0.2.1|a documentation address",
            "198.51.100.7|a documentation address",
            "203.0.113.9|a documentation address",
            "198.18.0.1|a benchmarking address",
            "224.0.0.1|a multicast address",
            "255.255.255.255|a reserved address",
            "::|the unspecified address",
            "::1|a loopback address",
            "fd00::1|a unique local (private) address",
            "fe80::1|a link-local address",
            "ff02::1|a multicast address",
            "2001:db8::1|a documentation address",
            "3fff::1|a documentation address",
            "2001:0::1|an IETF protocol address",
            "100::1|a reserved address",
            "::ffff:10.0.0.1|a private address",
    })
    void specialPurposeAddressesAreNotPublic(String address, String reason) {
        assertEquals(reason, AddressScope.nonPublicReason(IpAddress.parse(address).orElseThrow()).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "11.0.0.1", "223.255.255.254",
            "2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450:4001:81c::200e"})
    void globalAddressesArePublic(String address) {
        assertTrue(AddressScope.nonPublicReason(IpAddress.parse(address).orElseThrow()).isEmpty());
    }
}
