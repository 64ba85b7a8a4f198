package geo.common.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Splits a raw URL path into its percent-decoded segments. */
final class PathSegments {

    private PathSegments() {
    }

    static List<String> decode(String rawPath) {
        List<String> segments = new ArrayList<>();
        if (rawPath.equals("/")) {
            return segments;
        }
        for (String raw : rawPath.substring(1).split("/", -1)) {
            segments.add(decodeSegment(raw));
        }
        return segments;
    }

    private static String decodeSegment(String raw) {
        try {
            // URLDecoder is for forms, where '+' means a space; in a path it is a plus.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            // The JDK server refuses malformed escapes before a handler runs; kept as sent to be safe.
            return raw;
        }
    }
}
