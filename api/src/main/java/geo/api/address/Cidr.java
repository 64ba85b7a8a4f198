package geo.api.address;

import geo.common.net.IpAddress;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * A block of addresses such as {@code 10.0.0.0/8} or {@code fc00::/7}.
 *
 * @param network      the first address of the block
 * @param prefixLength how many leading bits every address in the block shares with {@code network}
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is not within 0.." + bits);
        }
    }

    /** Parses {@code address/length}, or a bare address as a block of one; empty when malformed. */
    public static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        Optional<IpAddress> address = IpAddress.parse(slash < 0 ? text : text.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        InetAddress network = address.get().address();
        int bits = network.getAddress().length * 8;
        int length = slash < 0 ? bits : prefixLength(text.substring(slash + 1), bits);
        return length < 0 ? Optional.empty() : Optional.of(new Cidr(network, length));
    }

    /** Like {@link #parse} for constants known to be well-formed. */
    static Cidr of(String text) {
        return parse(text).orElseThrow(() -> new IllegalArgumentException("not a CIDR block: " + text));
    }

    public boolean contains(InetAddress address) {
        return matches(network.getAddress(), prefixLength, address.getAddress());
    }

    /** Whether the candidate's first {@code prefixLength} bits are the block's; false across IPv4 and IPv6. */
    static boolean matches(byte[] block, int prefixLength, byte[] candidate) {
        if (block.length != candidate.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (block[i] != candidate[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xff << (8 - restBits);
        return (block[fullBytes] & mask) == (candidate[fullBytes] & mask);
    }

    @Override
    public String toString() {
        return IpAddress.of(network).canonical() + "/" + prefixLength;
    }

    private static int prefixLength(String digits, int bits) {
        if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int length = Integer.parseInt(digits);
        return length <= bits ? length : -1;
    }
}
