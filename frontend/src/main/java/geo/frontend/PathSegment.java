package geo.frontend;

import java.nio.charset.StandardCharsets;

/** Percent-encodes text as one URL path segment, so that no input can reach another path of geo-api. */
final class PathSegment {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegment() {
    }

    /**
     * Keeps RFC 3986's unreserved characters and ':' (for IPv6), encodes every other byte of the UTF-8 text, and the
     * dots of "." and "..", which would otherwise step to another path.
     */
    static String encode(String text) {
        if (text.equals(".") || text.equals("..")) {
            return text.replace(".", "%2E");
        }
        StringBuilder encoded = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == ':') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
