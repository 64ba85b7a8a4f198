package geo.api.lookup;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a location is stored in the cache: its source's label (and, for a database answer, a space and the database's
 * build date), a newline, then the JSON object. Compact JSON never holds a raw newline, so the first one ends the
 * label.
 */
final class CachedAnswers {

    private CachedAnswers() {
    }

    static byte[] encode(Found found) {
        String head = found.source().label() + found.databaseDate().map(date -> " " + date).orElse("");
        byte[] label = head.getBytes(StandardCharsets.US_ASCII);
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
        String head = new String(stored, 0, newline, StandardCharsets.US_ASCII);
        int space = head.indexOf(' ');
        Optional<LocalDate> date = space < 0 ? Optional.empty() : day(head.substring(space + 1));
        return Source.ofLabel(space < 0 ? head : head.substring(0, space))
                .map(source -> new Found(stored, newline + 1, source, true, date));
    }

    private static Optional<LocalDate> day(String text) {
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeException notADate) {
            return Optional.empty();
        }
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
