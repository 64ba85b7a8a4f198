package geo.frontend;

import java.util.Locale;
import java.util.Optional;

/**
 * A country's flag as the emoji made of its two regional indicator letters, no image to download, written as HTML
 * character references: with the emoji itself, every copy of a page on its way to the client took two bytes a
 * character rather than one (Java keeps a string with a character beyond Latin-1 in UTF-16), which was most of what
 * a page allocated.
 */
final class Flag {

    private static final int REGIONAL_INDICATOR_A = 0x1F1E6;

    private Flag() {
    }

    /** The flag of an ISO 3166-1 alpha-2 code such as "US", as HTML ("&#x1F1FA;&#x1F1F8;"); empty for anything else. */
    static Optional<String> html(String countryCode) {
        if (countryCode.length() != 2 || !isLetter(countryCode.charAt(0)) || !isLetter(countryCode.charAt(1))) {
            return Optional.empty();
        }
        return Optional.of(reference(countryCode.charAt(0)) + reference(countryCode.charAt(1)));
    }

    private static String reference(char letter) {
        return "&#x" + Integer.toHexString(REGIONAL_INDICATOR_A + letter - 'A').toUpperCase(Locale.ROOT) + ";";
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
