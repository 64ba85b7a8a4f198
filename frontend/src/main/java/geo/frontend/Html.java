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

    /** The text as HTML; the text itself when nothing in it needs escaping, as is so for most of a page's values. */
    static String escape(String text) {
        int first = firstToEscape(text);
        if (first == text.length()) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> {
                    if (c <= LAST_LATIN_1) {
                        escaped.append(c);
                    } else {
                        int codePoint = text.codePointAt(i);
                        escaped.append("&#x").append(Integer.toHexString(codePoint).toUpperCase(Locale.ROOT))
                                .append(';');
                        i += Character.charCount(codePoint) - 1;
                    }
                }
            }
        }
        return escaped.toString();
    }

    /** Where the first character that {@link #escape} changes is; the text's length when there is none. */
    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c > LAST_LATIN_1) {
                return i;
            }
        }
        return text.length();
    }
}
