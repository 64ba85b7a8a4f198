package geo.api.address;

import geo.common.net.IpAddress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void aBlockContainsExactlyTheAddressesSharingItsPrefix() {
        Cidr block = Cidr.parse("172.16.0.0/12").orElseThrow();

        assertTrue(block.contains(address("172.16.0.0")));
        assertTrue(block.contains(address("172.31.255.255")));
        assertFalse(block.contains(address("172.32.0.0")));
        assertFalse(block.contains(address("172.15.255.255")));
    }

    @Test
    void ipv4AndIpv6BlocksNeverContainEachOther() {
        assertFalse(Cidr.parse("::/0").orElseThrow().contains(address("8.8.8.8")));
        assertFalse(Cidr.parse("0.0.0.0/0").orElseThrow().contains(address("2001:db8::1")));
    }

    @Test
    void aBareAddressIsABlockOfOne() {
        assertEquals("192.0.2.1/32", Cidr.parse("192.0.2.1").orElseThrow().toString());
        assertEquals("2001:db8::1/128", Cidr.parse("2001:db8::1").orElseThrow().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "10.0.0.0/-1", "example.com/8", "/8"})
    void malformedBlocksAreRejected(String text) {
        assertTrue(Cidr.parse(text).isEmpty());
    }

    private static java.net.InetAddress address(String text) {
        return IpAddress.parse(text).orElseThrow().address();
    }
}
