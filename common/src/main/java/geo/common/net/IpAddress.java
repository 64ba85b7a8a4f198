package geo.common.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address, parsed from text without any DNS look-up, with its one canonical spelling.
 *
 * <p>IPv4 is accepted only as four decimal numbers from 0 to 255 without leading zeros: forms such as {@code 010.8.8.8}
 * (octal to some parsers), {@code 0x8.8.8.8} or {@code 134744072} mean different addresses to different software, so
 * they are refused rather than guessed. IPv6 is accepted in every RFC 4291 text form, without a zone id. An IPv4-mapped
 * IPv6 address ({@code ::ffff:8.8.8.8}) is that IPv4 address.
 *
 * @param address   the address
 * @param canonical dotted decimal for IPv4, RFC 5952 for IPv6 (lower case, longest zero run as {@code ::})
 */
public record IpAddress(InetAddress address, String canonical) {

    /** The longest valid text: eight IPv6 groups with the last two written as an IPv4 address. */
    private static final int MAX_TEXT_LENGTH = 45;

    public IpAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(canonical, "canonical");
    }

    /** Parses an address; empty for anything that is not an IP address literal. */
    public static Optional<IpAddress> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            return Optional.empty();
        }
        byte[] bytes = text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
        return bytes == null ? Optional.empty() : Optional.of(of(bytes));
    }

    /**
     * What to tell someone whose text {@link #parse} refused: the text, quoted and cut at 64 characters, is not an
     * address. One wording for geo-api's errors and geo-frontend's field.
     */
    public static String notAnAddress(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return "'" + shown + "' is not an IPv4 or IPv6 address";
    }

    /** The address of a socket peer, which needs no parsing. */
    public static IpAddress of(InetAddress address) {
        return of(address.getAddress());
    }

    public boolean isIpv4() {
        return address instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return canonical;
    }

    /** The address of 4 or 16 bytes, as {@link InetAddress#getAddress()} gives them. */
    public static IpAddress of(byte[] bytes) {
        try {
            // getByAddress never resolves, and turns an IPv4-mapped IPv6 address into its IPv4 address.
            InetAddress address = InetAddress.getByAddress(bytes);
            return new IpAddress(address, address instanceof Inet4Address
                    ? address.getHostAddress()
                    : formatIpv6(address.getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length, e);
        }
    }

    private static byte[] parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '.') {
                if (part == 4) {
                    return null;
                }
                int value = decimalOctet(text, start, i);
                if (value < 0) {
                    return null;
                }
                bytes[part++] = (byte) value;
                start = i + 1;
            }
        }
        return part == 4 ? bytes : null;
    }

    /** The value of text[start, end) as an octet, or -1 when it is not 1 to 3 ASCII digits without a leading zero. */
    private static int decimalOctet(String text, int start, int end) {
        int length = end - start;
        if (length < 1 || length > 3 || (length > 1 && text.charAt(start) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    private static byte[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int written = head.length + tail.length;
        if (gap < 0 ? written != 8 : written > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            putGroup(bytes, i, head[i]);
        }
        for (int i = 0; i < tail.length; i++) {
            putGroup(bytes, 8 - tail.length + i, tail[i]);
        }
        return bytes;
    }

    /**
     * The 16-bit groups of a colon-separated run; when {@code mayEndInIpv4}, a last part in dotted form counts as two
     * groups. An empty run has no groups; null means malformed.
     */
    private static int[] groups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return new int[0];
        }
        String[] parts = run.split(":", -1);
        String last = parts[parts.length - 1];
        boolean endsInIpv4 = mayEndInIpv4 && last.indexOf('.') >= 0;
        int[] groups = new int[parts.length + (endsInIpv4 ? 1 : 0)];
        for (int i = 0; i < parts.length - (endsInIpv4 ? 1 : 0); i++) {
            groups[i] = hexGroup(parts[i]);
            if (groups[i] < 0) {
                return null;
            }
        }
        if (endsInIpv4) {
            byte[] ipv4 = parseIpv4(last);
            if (ipv4 == null) {
                return null;
            }
            groups[groups.length - 2] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
            groups[groups.length - 1] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
        }
        return groups;
    }

    /** The value of 1 to 4 ASCII hex digits, or -1. */
    private static int hexGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = hexDigit(part.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = (value << 4) | digit;
        }
        return value;
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static void putGroup(byte[] bytes, int group, int value) {
        bytes[2 * group] = (byte) (value >>> 8);
        bytes[2 * group + 1] = (byte) value;
    }

    /** RFC 5952: lower-case hex without leading zeros, the first longest run of two or more zero groups as "::". */
    private static String formatIpv6(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int runEnd = i;
            while (runEnd < 8 && groups[runEnd] == 0) {
                runEnd++;
            }
            if (runEnd - i > bestLength) {
                bestStart = i;
                bestLength = runEnd - i;
            }
            i = Math.max(runEnd, i + 1);
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
