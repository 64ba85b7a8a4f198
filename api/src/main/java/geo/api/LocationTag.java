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

    private LocationTag() {
    }

    static String of(Found found, String variant) {
        byte[] bytes = found.bytes();
        int end = found.offset() + found.length();
        CRC32C checksum = new CRC32C();
        int covered = 0;
        int from = found.offset();
        while (from < end) {
            int field = nextClockField(bytes, from, end);
            if (field < 0) {
                checksum.update(bytes, from, end - from);
                covered += end - from;
                break;
            }
            checksum.update(bytes, from, field - from);
            covered += field - from;
            from = endOfValue(bytes, field, end);
        }
        checksum.update(variant.getBytes(StandardCharsets.UTF_8));
        return "W/\"" + Long.toHexString(checksum.getValue()) + "-" + Integer.toHexString(covered) + "\"";
    }

    /** Where the next clock field's value starts (just after its name and colon), or -1. */
    private static int nextClockField(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '"') {
                for (byte[] name : CLOCK_FIELDS) {
                    if (startsWith(bytes, i, end, name)) {
                        return i + name.length;
                    }
                }
            }
        }
        return -1;
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
