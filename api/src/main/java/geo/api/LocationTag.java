package geo.api;

import geo.api.lookup.Found;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * A location's weak {@code ETag}: a checksum (CRC-32C, which the CPU computes) of the location and the variant (a
 * selection, a field), with the length it covered. The time zone's clock ({@code current_time},
 * {@code current_time_unix}) is left out, since it changes by the second while the location it belongs to does not:
 * an answer read again from the offline database, or asked again of the provider, keeps its tag. Weak, because two
 * answers with one tag may differ in that clock, in {@code cached} and in {@code apiServer}.
 */
final class LocationTag {

    /** The clock's fields as the stored, compact JSON names them; {@code "current_time":} is not a prefix of the other. */
    private static final byte[][] CLOCK_FIELDS = {
            "\"current_time\":".getBytes(StandardCharsets.UTF_8),
            "\"current_time_unix\":".getBytes(StandardCharsets.UTF_8)};

    private static final byte[] TIME_ZONE = "\"time_zone\":".getBytes(StandardCharsets.UTF_8);

    private LocationTag() {
    }

    static String of(Found found, String variant) {
        byte[] bytes = found.bytes();
        int start = found.offset();
        int end = start + found.length();
        // The clock's values, as [from, to) ranges in order; either may be absent.
        int[] skipped = new int[4];
        int ranges = 0;
        int zone = timeZone(bytes, start, end);
        for (byte[] name : CLOCK_FIELDS) {
            int at = lastIndexOf(bytes, zone, end, name);
            if (at >= 0) {
                skipped[2 * ranges] = at + name.length;
                skipped[2 * ranges + 1] = endOfValue(bytes, at + name.length, end);
                ranges++;
            }
        }
        if (ranges == 2 && skipped[0] > skipped[2]) {
            swap(skipped, 0, 2);
            swap(skipped, 1, 3);
        }
        CRC32C checksum = new CRC32C();
        int covered = 0;
        int from = start;
        for (int i = 0; i < ranges; i++) {
            checksum.update(bytes, from, skipped[2 * i] - from);
            covered += skipped[2 * i] - from;
            from = skipped[2 * i + 1];
        }
        checksum.update(bytes, from, end - from);
        covered += end - from;
        checksum.update(variant.getBytes(StandardCharsets.UTF_8));
        return "W/\"" + Long.toHexString(checksum.getValue()) + "-" + Integer.toHexString(covered) + "\"";
    }

    /**
     * Where the time zone's object starts, found from the end of the location, near which ipgeolocation.io's answers
     * and the offline database's put it, so that the clock is looked for in a few dozen bytes; where the location
     * starts when it has no time zone.
     */
    private static int timeZone(byte[] bytes, int start, int end) {
        int key = lastIndexOf(bytes, start, end, TIME_ZONE);
        return key < 0 ? start : key + TIME_ZONE.length;
    }

    /** Where the name (a quoted key, at least two bytes) last occurs from {@code start}, searching from the end. */
    private static int lastIndexOf(byte[] bytes, int start, int end, byte[] name) {
        byte second = name[1];
        for (int i = end - name.length; i >= start; i--) {
            if (bytes[i] == '"' && bytes[i + 1] == second && startsWith(bytes, i, end, name)) {
                return i;
            }
        }
        return -1;
    }

    private static void swap(int[] values, int i, int j) {
        int kept = values[i];
        values[i] = values[j];
        values[j] = kept;
    }

    /** Just past a JSON scalar that starts at {@code from}: a string with its escapes, or up to a , or }. */
    private static int endOfValue(byte[] bytes, int from, int end) {
        int i = from;
        if (i < end && bytes[i] == '"') {
            for (i++; i < end && bytes[i] != '"'; i++) {
                if (bytes[i] == '\\') {
                    i++;
                }
            }
            return Math.min(end, i + 1);
        }
        while (i < end && bytes[i] != ',' && bytes[i] != '}') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] bytes, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (bytes[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }
}
