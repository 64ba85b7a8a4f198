package geo.api.lookup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a location is stored in the cache: its source's label, a newline, then the JSON object. Compact JSON never holds
 * a raw newline, so the first one ends the label.
 */
final class CachedAnswers {

    private CachedAnswers() {
    }

    static byte[] encode(Found found) {
        byte[] label = found.source().label().getBytes(StandardCharsets.US_ASCII);
        byte[] stored = Arrays.copyOf(label, label.length + 1 + found.length());
        stored[label.length] = '\n';
        System.arraycopy(found.bytes(), found.offset(), stored, label.length + 1, found.length());
        return stored;
    }

    /** The cached location, or empty for a value this version did not write (another app, an older shape). */
    static Optional<Found> decode(byte[] stored) {
        int newline = indexOf(stored, (byte) '\n');
        if (newline < 0 || stored.length - newline - 1 < 2 || stored[newline + 1] != '{'
                || stored[stored.length - 1] != '}') {
            return Optional.empty();
        }
        return Source.ofLabel(new String(stored, 0, newline, StandardCharsets.US_ASCII))
                .map(source -> new Found(stored, newline + 1, source, true));
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        // Labels are short; a newline further in means this is not our value.
        for (int i = 0; i < Math.min(bytes.length, 32); i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
