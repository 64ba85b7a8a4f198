package geo.api.address;

import geo.common.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * Tells public addresses from those that no public geolocation can know: private, loopback, link-local, shared
 * (CGNAT), documentation, multicast, reserved and other special-purpose blocks of the IANA registries.
 */
public final class AddressScope {

    /** A block with its address bytes taken out once, since the check runs on every request. */
    private record SpecialBlock(byte[] network, int prefixLength, String name) {

        boolean contains(byte[] candidate) {
            return Cidr.matches(network, prefixLength, candidate);
        }
    }

    /** IANA IPv4 and IPv6 Special-Purpose Address Registries, blocks that are not globally reachable. */
    private static final List<SpecialBlock> SPECIAL_BLOCKS = List.of(
            block("0.0.0.0/8", "a 'this network' address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "an IETF protocol address"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.88.99.0/24", "a deprecated 6to4 relay address"),
            block("192.168.0.0/16", "a private address"),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("::/128", "the unspecified address"),
            block("::1/128", "a loopback address"),
            block("fc00::/7", "a unique local (private) address"),
            block("fe80::/10", "a link-local address"),
            block("ff00::/8", "a multicast address"),
            block("2001::/23", "an IETF protocol address"),
            block("2001:db8::/32", "a documentation address"),
            block("3fff::/20", "a documentation address"));

    /** All IPv6 unicast addresses handed out for the public internet lie in this block. */
    private static final SpecialBlock GLOBAL_UNICAST = block("2000::/3", "global unicast");

    private AddressScope() {
    }

    /** Why the address has no public location, e.g. "a private address"; empty when it is public. */
    public static Optional<String> nonPublicReason(IpAddress address) {
        byte[] candidate = address.address().getAddress();
        for (SpecialBlock special : SPECIAL_BLOCKS) {
            if (special.contains(candidate)) {
                return Optional.of(special.name());
            }
        }
        if (!address.isIpv4() && !GLOBAL_UNICAST.contains(candidate)) {
            return Optional.of("a reserved address");
        }
        return Optional.empty();
    }

    private static SpecialBlock block(String text, String name) {
        Cidr cidr = Cidr.of(text);
        return new SpecialBlock(cidr.network().getAddress(), cidr.prefixLength(), name);
    }
}
