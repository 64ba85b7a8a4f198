package geo.common.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Reads parameters from an {@code application/x-www-form-urlencoded} query string, as HTML forms send them. */
final class QueryString {

    private QueryString() {
    }

    static Optional<String> first(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        return Optional.empty();
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            // A broken escape such as "%zz" is kept as typed; the caller rejects it as a bad value.
            return text;
        }
    }
}
