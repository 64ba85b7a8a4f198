package geo.frontend;

import java.util.Optional;

/** A country's flag as the emoji made of its two regional indicator letters: no image to download. */
final class Flag {

    private static final int REGIONAL_INDICATOR_A = 0x1F1E6;

    private Flag() {
    }

    /** The flag of an ISO 3166-1 alpha-2 code such as "US"; empty for anything else. */
    static Optional<String> of(String countryCode) {
        if (countryCode.length() != 2 || !isLetter(countryCode.charAt(0)) || !isLetter(countryCode.charAt(1))) {
            return Optional.empty();
        }
        return Optional.of(new StringBuilder(4)
                .appendCodePoint(REGIONAL_INDICATOR_A + countryCode.charAt(0) - 'A')
                .appendCodePoint(REGIONAL_INDICATOR_A + countryCode.charAt(1) - 'A')
                .toString());
    }

    private static boolean isLetter(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
