package geo.api.address;

import geo.common.net.IpAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tells public addresses from those that no public geolocation can know, as IANA's IPv4 and IPv6 Special-Purpose
 * Address Registries (edition of 2025-10) say in their "Globally Reachable" column: of the blocks that hold an
 * address, the most specific one decides. Where that column says N/A because the address embeds an IPv4 address
 * (6to4, Teredo) or where a translation prefix only carries one (NAT64's well-known prefix, which RFC 6052 forbids
 * for non-global IPv4 addresses), the embedded IPv4 address decides. Beyond the registries: multicast is never a
 * host's address, and IPv6 outside 2000::/3 is not allocated for global unicast.
 */
public final class AddressScope {

    /** What the registry says of the addresses in a block. */
    private sealed interface Reach {
    }

    /** Globally reachable: a location may exist. */
    private record Reachable() implements Reach {
    }

    /** Not globally reachable, and why, as the client reads it. */
    private record Unreachable(String reason) implements Reach {
    }

    /** Reachable exactly when the IPv4 addresses that the IPv6 address embeds are. */
    private record Embeds(Embedding embedding) implements Reach {
    }

    /** Where an IPv6 address of a transition mechanism carries IPv4 addresses. */
    private enum Embedding {
        /** RFC 3056: 2002:AABB:CCDD::/48 is the site behind AA.BB.CC.DD. */
        SIX_TO_FOUR("a 6to4 address") {
            @Override
            List<byte[]> ipv4(byte[] address) {
                return List.of(Arrays.copyOfRange(address, 2, 6));
            }
        },
        /** RFC 6052: the well-known prefix 64:ff9b::/96 with the IPv4 address in its last 32 bits. */
        NAT64("a NAT64 address") {
            @Override
            List<byte[]> ipv4(byte[] address) {
                return List.of(Arrays.copyOfRange(address, 12, 16));
            }
        },
        /** RFC 4380: the Teredo server in bits 32 to 63, the client's public address inverted in the last 32. */
        TEREDO("a Teredo address") {
            @Override
            List<byte[]> ipv4(byte[] address) {
                byte[] client = Arrays.copyOfRange(address, 12, 16);
                for (int i = 0; i < client.length; i++) {
                    client[i] = (byte) ~client[i];
                }
                return List.of(Arrays.copyOfRange(address, 4, 8), client);
            }
        };

        private final String name;

        Embedding(String name) {
            this.name = name;
        }

        abstract List<byte[]> ipv4(byte[] address);
    }

    /** A block with its address bytes taken out once, since the check runs on every request. */
    private record Block(byte[] network, int prefixLength, Reach reach) {

        boolean contains(byte[] candidate) {
            return Cidr.matches(network, prefixLength, candidate);
        }
    }

    private static final Reach REACHABLE = new Reachable();

    /** Every row of both registries, and multicast from IANA's multicast registries. */
    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/8", "a 'this network' address"),
            block("0.0.0.0/32", "the 'this host' address"),
            block("10.0.0.0/8", "a private address"),
            block("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            block("127.0.0.0/8", "a loopback address"),
            block("169.254.0.0/16", "a link-local address"),
            block("172.16.0.0/12", "a private address"),
            block("192.0.0.0/24", "an IETF protocol address"),
            block("192.0.0.0/29", "an IPv4 service continuity address"),
            block("192.0.0.8/32", "the IPv4 dummy address"),
            block("192.0.0.9/32", REACHABLE),
            block("192.0.0.10/32", REACHABLE),
            block("192.0.0.170/32", "a NAT64/DNS64 discovery address"),
            block("192.0.0.171/32", "a NAT64/DNS64 discovery address"),
            block("192.0.2.0/24", "a documentation address"),
            block("192.31.196.0/24", REACHABLE),
            block("192.52.193.0/24", REACHABLE),
            // Terminated in 2015 (RFC 7526), so the registry gives no reachability: the block is out of use.
            block("192.88.99.0/24", "a deprecated 6to4 relay address"),
            block("192.88.99.2/32", "the 6a44 relay anycast address"),
            block("192.168.0.0/16", "a private address"),
            block("192.175.48.0/24", REACHABLE),
            block("198.18.0.0/15", "a benchmarking address"),
            block("198.51.100.0/24", "a documentation address"),
            block("203.0.113.0/24", "a documentation address"),
            block("224.0.0.0/4", "a multicast address"),
            block("240.0.0.0/4", "a reserved address"),
            block("255.255.255.255/32", "the limited broadcast address"),
            block("::/128", "the unspecified address"),
            block("::1/128", "a loopback address"),
            // ::ffff:0:0/96, IPv4-mapped, is not here: the parser turns ::ffff:a.b.c.d into a.b.c.d, checked above.
            block("64:ff9b::/96", new Embeds(Embedding.NAT64)),
            block("64:ff9b:1::/48", "a local-use NAT64 address"),
            block("100::/64", "a discard-only address"),
            block("100:0:0:1::/64", "a dummy IPv6 address"),
            block("2001::/23", "an IETF protocol address"),
            block("2001::/32", new Embeds(Embedding.TEREDO)),
            block("2001:1::1/128", REACHABLE),
            block("2001:1::2/128", REACHABLE),
            block("2001:1::3/128", REACHABLE),
            block("2001:2::/48", "a benchmarking address"),
            block("2001:3::/32", REACHABLE),
            block("2001:4:112::/48", REACHABLE),
            // Terminated in 2014 (RFC 4843): out of use.
            block("2001:10::/28", "a deprecated ORCHID address"),
            block("2001:20::/28", REACHABLE),
            block("2001:30::/28", REACHABLE),
            block("2001:db8::/32", "a documentation address"),
            block("2002::/16", new Embeds(Embedding.SIX_TO_FOUR)),
            block("2620:4f:8000::/48", REACHABLE),
            block("3fff::/20", "a documentation address"),
            block("5f00::/16", "a segment routing (SRv6) identifier"),
            block("fc00::/7", "a unique local (private) address"),
            block("fe80::/10", "a link-local address"),
            block("ff00::/8", "a multicast address"));

    /** All IPv6 unicast addresses handed out for the public internet lie in this block. */
    private static final Block GLOBAL_UNICAST = block("2000::/3", REACHABLE);

    private AddressScope() {
    }

    /** Why the address has no public location, e.g. "a private address"; empty when it is public. */
    public static Optional<String> nonPublicReason(IpAddress address) {
        return nonPublicReason(address.address().getAddress());
    }

    private static Optional<String> nonPublicReason(byte[] candidate) {
        Block decisive = null;
        for (Block block : BLOCKS) {
            if (block.contains(candidate) && (decisive == null || block.prefixLength() > decisive.prefixLength())) {
                decisive = block;
            }
        }
        if (decisive == null) {
            return candidate.length == 16 && !GLOBAL_UNICAST.contains(candidate)
                    ? Optional.of("a reserved address")
                    : Optional.empty();
        }
        return switch (decisive.reach()) {
            case Reachable reachable -> Optional.empty();
            case Unreachable unreachable -> Optional.of(unreachable.reason());
            case Embeds embeds -> embeddedReason(embeds.embedding(), candidate);
        };
    }

    /** Not public when any IPv4 address it embeds is not, e.g. "a 6to4 address of 10.0.0.1, a private address". */
    private static Optional<String> embeddedReason(Embedding embedding, byte[] candidate) {
        for (byte[] ipv4 : embedding.ipv4(candidate)) {
            Optional<String> reason = nonPublicReason(ipv4);
            if (reason.isPresent()) {
                return Optional.of(embedding.name + " of " + IpAddress.of(ipv4).canonical() + ", "
                        + reason.get());
            }
        }
        return Optional.empty();
    }

    private static Block block(String text, String reason) {
        return block(text, new Unreachable(reason));
    }

    private static Block block(String text, Reach reach) {
        Cidr cidr = Cidr.of(text);
        return new Block(cidr.network().getAddress(), cidr.prefixLength(), reach);
    }
}
