package geo.api.database;

import java.util.Arrays;

/**
 * The bytes of one answer as it is put together: a growing array without {@code ByteArrayOutputStream}'s lock on
 * every write (a database answer makes some twenty writes; the locks were 8 % of it), with decimal numbers written
 * in place.
 */
final class AnswerBytes {

    private byte[] bytes;
    private int size;

    AnswerBytes(int expected) {
        bytes = new byte[expected];
    }

    void write(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
    }

    void write(byte[] more) {
        ensure(more.length);
        System.arraycopy(more, 0, bytes, size, more.length);
        size += more.length;
    }

    /** A non-negative number in decimal, with leading zeros up to {@code width} digits. */
    void writeDigits(long value, int width) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        int length = Math.max(digits, width);
        ensure(length);
        for (int at = size + length - 1; at >= size; at--) {
            bytes[at] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size += length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + more));
        }
    }
}
