package geo.frontend;

import java.util.List;

/**
 * A text with {@code %s} holes, split once and filled by appending into one buffer of the right size. A page carries
 * the world map (22 kB), and {@code String.formatted} copied it several times over while its buffer grew.
 *
 * @param parts the text between the holes, one more than there are holes
 */
record Template(List<String> parts) {

    static Template of(String text) {
        return new Template(List.of(text.split("%s", -1)));
    }

    /** The text with the values in its holes, in order. */
    String fill(String... values) {
        int length = 0;
        for (String part : parts) {
            length += part.length();
        }
        for (String value : values) {
            length += value.length();
        }
        return appendTo(new StringBuilder(length), values).toString();
    }

    /** Appends the text with the values in its holes to {@code text}, which it returns. */
    StringBuilder appendTo(StringBuilder text, String... values) {
        if (values.length != parts.size() - 1) {
            throw new IllegalArgumentException(values.length + " values for " + (parts.size() - 1) + " holes");
        }
        for (int i = 0; i < values.length; i++) {
            text.append(parts.get(i)).append(values[i]);
        }
        return text.append(parts.getLast());
    }
}
