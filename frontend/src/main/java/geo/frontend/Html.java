package geo.frontend;

import java.util.Locale;

/**
 * Escapes text for HTML element content and quoted attribute values. A character beyond Latin-1 (a currency symbol
 * such as "€" or "₹", a city's name in Japanese) is written as a character reference, "&#x20AC;": the browser shows
 * the same, and the page stays in Latin-1 on its way to the client. Java keeps a string with one character beyond
 * Latin-1 in two bytes a character, and a page is copied several times on its way out: with such characters as they
 * are, most of the half megabyte of garbage each page left was those copies (async-profiler, 2026-12-02).
 */
final class Html {

    private static final char LAST_LATIN_1 = '\u00FF';

    private Html() {
    }

    /**
     * The text as HTML. Most of a page's values need no escaping, and come back as they are: a copy of every one was
     * a tenth of geo-frontend's garbage (async-profiler, 2026-12-02); the copy starts at the first character that
     * changes.
     */
    static String escape(String text) {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> c <= LAST_LATIN_1 ? null : reference(text.codePointAt(i));
            };
            if (replacement == null) {
                if (escaped != null) {
                    escaped.append(c);
                }
                continue;
            }
            if (escaped == null) {
                escaped = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            escaped.append(replacement);
            i += Character.charCount(text.codePointAt(i)) - 1;
        }
        return escaped == null ? text : escaped.toString();
    }

    private static String reference(int codePoint) {
        return "&#x" + Integer.toHexString(codePoint).toUpperCase(Locale.ROOT) + ";";
    }
}
