package geo.frontend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

/**
 * A text with {@code %s} holes, split and encoded once, and filled by appending to a page: its fixed parts are copied
 * in as bytes, never encoded again.
 */
final class Template {

    /** The text between the holes, as UTF-8, one more than there are holes. */
    private final List<byte[]> parts;

    private Template(List<byte[]> parts) {
        this.parts = parts;
    }

    static Template of(String text) {
        return new Template(Stream.of(text.split("%s", -1))
                .map(part -> part.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Appends the text with the values in its holes, in order, to the page, which it returns. */
    PageBuffer appendTo(PageBuffer page, String... values) {
        if (values.length != parts.size() - 1) {
            throw new IllegalArgumentException(values.length + " values for " + (parts.size() - 1) + " holes");
        }
        for (int i = 0; i < values.length; i++) {
            page.append(parts.get(i)).append(values[i]);
        }
        return page.append(parts.getLast());
    }
}
