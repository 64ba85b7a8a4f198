package geo.api.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.net.IpAddress;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressScopeTest {

    /**
     * Every row of IANA's IPv4 and IPv6 Special-Purpose Address Registries (2025-10), and the multicast blocks: the
     * first and last address of each block must be as its "Globally Reachable" column says (for the forms that embed
     * an IPv4 address, both embed a non-global one), and the addresses just outside the block as the registry says
     * of them, written out here by hand ({@code -} where there is none).
     */
    @ParameterizedTest(name = "{0} ({1}): before {2}, after {3}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0/8|not|-|global",
            "0.0.0.0/32|not|-|not",
            "10.0.0.0/8|not|global|global",
            "100.64.0.0/10|not|global|global",
            "127.0.0.0/8|not|global|global",
            "169.254.0.0/16|not|global|global",
            "172.16.0.0/12|not|global|global",
            "192.0.0.0/24|not|global|global",
            "192.0.0.0/29|not|global|not",
            "192.0.0.8/32|not|not|global",
            "192.0.0.9/32|global|not|global",
            "192.0.0.10/32|global|global|not",
            "192.0.0.170/32|not|not|not",
            "192.0.0.171/32|not|not|not",
            "192.0.2.0/24|not|global|global",
            "192.31.196.0/24|global|global|global",
            "192.52.193.0/24|global|global|global",
            "192.88.99.0/24|not|global|global",
            "192.88.99.2/32|not|not|not",
            "192.168.0.0/16|not|global|global",
            "192.175.48.0/24|global|global|global",
            "198.18.0.0/15|not|global|global",
            "198.51.100.0/24|not|global|global",
            "203.0.113.0/24|not|global|global",
            "224.0.0.0/4|not|global|not",
            "240.0.0.0/4|not|not|-",
            "255.255.255.255/32|not|not|-",
            "::/128|not|-|not",
            "::1/128|not|not|not",
            "::ffff:0:0/96|not|not|not",
            "64:ff9b::/96|embedded|not|not",
            "64:ff9b:1::/48|not|not|not",
            "100::/64|not|not|not",
            "100:0:0:1::/64|not|not|not",
            "2001::/23|not|global|global",
            "2001::/32|embedded|global|not",
            "2001:1::1/128|global|not|global",
            "2001:1::2/128|global|global|global",
            "2001:1::3/128|global|global|not",
            "2001:2::/48|not|not|not",
            "2001:3::/32|global|not|not",
            "2001:4:112::/48|global|not|not",
            "2001:10::/28|not|not|global",
            "2001:20::/28|global|not|global",
            "2001:30::/28|global|global|not",
            "2001:db8::/32|not|global|global",
            "2002::/16|embedded|global|global",
            "2620:4f:8000::/48|global|global|global",
            "3fff::/20|not|global|global",
            "5f00::/16|not|not|not",
            "fc00::/7|not|not|not",
            "fe80::/10|not|not|not",
            "ff00::/8|not|not|-",
    })
    void everyRowOfTheRegistriesHoldsAtItsEdges(String block, String reach, String before, String after) {
        int slash = block.indexOf('/');
        byte[] network = bytes(block.substring(0, slash));
        int bits = network.length * 8;
        BigInteger first = new BigInteger(1, network);
        BigInteger last = first.or(BigInteger.ONE.shiftLeft(bits - Integer.parseInt(block.substring(slash + 1)))
                .subtract(BigInteger.ONE));

        assertReach(reach.equals("global"), first, bits, block + " first");
        assertReach(reach.equals("global"), last, bits, block + " last");
        if (!before.equals("-")) {
            assertReach(before.equals("global"), first.subtract(BigInteger.ONE), bits, block + " before");
        }
        if (!after.equals("-")) {
            assertReach(after.equals("global"), last.add(BigInteger.ONE), bits, block + " after");
        }
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0|the 'this host' address",
            "0.1.2.3|a 'this network' address",
            "10.1.2.3|a private address",
            "172.16.0.1|a private address",
            "172.31.255.255|a private address",
            "192.168.1.1|a private address",
            "100.64.0.1|a shared (carrier-grade NAT) address",
            "127.0.0.1|a loopback address",
            "169.254.169.254|a link-local address",
            "192.0.0.1|an IPv4 service continuity address",
            "192.0.0.200|an IETF protocol address",
            "192.0.2.1|a documentation address",
            "192.88.99.1|a deprecated 6to4 relay address",
            "198.51.100.7|a documentation address",
            "203.0.113.9|a documentation address",
            "198.18.0.1|a benchmarking address",
            "224.0.0.1|a multicast address",
            "240.0.0.1|a reserved address",
            "255.255.255.255|the limited broadcast address",
            "::|the unspecified address",
            "::1|a loopback address",
            "fd00::1|a unique local (private) address",
            "fe80::1|a link-local address",
            "ff02::1|a multicast address",
            "2001:db8::1|a documentation address",
            "3fff::1|a documentation address",
            "2001:0::1|a Teredo address of 0.0.0.0, the 'this host' address",
            "2001:5::1|an IETF protocol address",
            "100::1|a discard-only address",
            "200::1|a reserved address",
            "::ffff:10.0.0.1|a private address",
            "64:ff9b::10.0.0.1|a NAT64 address of 10.0.0.1, a private address",
            "64:ff9b:1::8.8.8.8|a local-use NAT64 address",
    })
    void specialPurposeAddressesAreNotPublic(String address, String reason) {
        assertEquals(reason, AddressScope.nonPublicReason(IpAddress.parse(address).orElseThrow()).orElseThrow());
    }

    /** 6to4 embeds the site's IPv4 address in bits 16 to 47: in every spelling, a non-public one makes it so. */
    @ParameterizedTest
    @ValueSource(strings = {"2002:a00:1::1", "2002:0a00:0001::1", "2002:a00:1:0:0:0:0:1", "2002:c0a8:101::1",
            "2002:7f00:1::1", "2002::", "2002:6440:1::", "2002:a9fe:a9fe::1", "2002:e000:1::1"})
    void sixToFourAddressesOfNonPublicIpv4AddressesAreNotPublic(String address) {
        Optional<String> reason = AddressScope.nonPublicReason(IpAddress.parse(address).orElseThrow());

        assertTrue(reason.orElseThrow().startsWith("a 6to4 address of "), reason.get());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "11.0.0.1", "223.255.255.254",
            "2001:4860:4860::8888", "2606:4700:4700::1111", "2a00:1450:4001:81c::200e",
            "192.0.0.9", "192.0.0.10", "192.31.196.1", "192.52.193.1", "192.175.48.1",
            "2001:1::1", "2001:1::2", "2001:1::3", "2001:3::1", "2001:4:112::1", "2001:20::1", "2001:2f:ffff::1",
            "2001:30::1", "2620:4f:8000::1",
            "64:ff9b::8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "2002:0808:0808:0:0:0:0:1",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7"})
    void globallyReachableAddressesArePublic(String address) {
        assertEquals(Optional.empty(), AddressScope.nonPublicReason(IpAddress.parse(address).orElseThrow()));
    }

    private static void assertReach(boolean global, BigInteger address, int bits, String what) {
        byte[] raw = address.toByteArray();
        byte[] exact = new byte[bits / 8];
        int copy = Math.min(raw.length, exact.length);
        System.arraycopy(raw, raw.length - copy, exact, exact.length - copy, copy);
        IpAddress ip = IpAddress.of(exact);
        Optional<String> reason = AddressScope.nonPublicReason(ip);
        assertEquals(global, reason.isEmpty(), what + " " + ip + ": " + reason.orElse("public"));
    }

    /** The block's first address as 4 or 16 bytes; {@code ::ffff:0:0} stays 16, though it parses as IPv4. */
    private static byte[] bytes(String text) {
        if (text.equals("::ffff:0:0")) {
            byte[] mapped = new byte[16];
            Arrays.fill(mapped, 10, 12, (byte) 0xff);
            return mapped;
        }
        return IpAddress.parse(text).orElseThrow().address().getAddress();
    }
}
