package geo.frontend;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A page being written, as the UTF-8 bytes it is sent in. A page is written once, straight into these bytes: built
 * as text, it was copied whole four times on its way to the client (the view's text, the page's, its string, its
 * bytes), which made most of geo-frontend's garbage. Text known in advance (the templates, the world map) is
 * encoded once and copied in as bytes.
 */
final class PageBuffer {

    private byte[] bytes;
    private int length;

    PageBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    /** Appends the text as UTF-8; a lone surrogate becomes '?', as {@link String#getBytes} writes it. */
    PageBuffer append(String text) {
        ensureRoom(3 * text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else if (c < 0x800) {
                bytes[length++] = (byte) (0xC0 | c >> 6);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                appendFourBytes(Character.toCodePoint(c, text.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                bytes[length++] = '?';
            } else {
                bytes[length++] = (byte) (0xE0 | c >> 12);
                bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }

    PageBuffer append(char c) {
        if (c >= 0x80) {
            return append(String.valueOf(c));
        }
        ensureRoom(1);
        bytes[length++] = (byte) c;
        return this;
    }

    PageBuffer append(int number) {
        return append(Integer.toString(number));
    }

    /** Appends bytes that are already UTF-8. */
    PageBuffer append(byte[] utf8) {
        ensureRoom(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    /** Empties it for another page, keeping its bytes' room. */
    void clear() {
        length = 0;
    }

    int capacity() {
        return bytes.length;
    }

    /** The page so far, in a copy of exactly its size. */
    byte[] toBytes() {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    private void appendFourBytes(int codePoint) {
        bytes[length++] = (byte) (0xF0 | codePoint >> 18);
        bytes[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        bytes[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        bytes[length++] = (byte) (0x80 | codePoint & 0x3F);
    }

    private void ensureRoom(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + more));
        }
    }
}
