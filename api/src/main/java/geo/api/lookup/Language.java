package geo.api.lookup;

import java.util.Locale;
import java.util.Optional;

/**
 * The language of place names, as ipgeolocation.io's {@code lang=} parameter names it. A GeoIP2-schema database gives
 * names in the languages it holds (MaxMind's tags, such as {@code pt-BR} and {@code zh-CN}) and English otherwise.
 */
public enum Language {
    ENGLISH("en", "en"),
    GERMAN("de", "de"),
    SPANISH("es", "es"),
    FRENCH("fr", "fr"),
    JAPANESE("ja", "ja"),
    PORTUGUESE("pt", "pt-BR"),
    RUSSIAN("ru", "ru"),
    CHINESE("zh", "zh-CN"),
    CZECH("cs", "cs"),
    ITALIAN("it", "it"),
    KOREAN("ko", "ko"),
    PERSIAN("fa", "fa");

    private final String code;
    private final String databaseTag;

    Language(String code, String databaseTag) {
        this.code = code;
        this.databaseTag = databaseTag;
    }

    /** ipgeolocation.io's code, which geo-api passes on and puts in the cache key. */
    public String code() {
        return code;
    }

    /** The key of this language in a GeoIP2 record's {@code names}. */
    public String databaseTag() {
        return databaseTag;
    }

    /** Either spelling, in any case ({@code zh}, {@code zh-CN}, {@code ZH-cn}); empty for any other text. */
    public static Optional<Language> parse(String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (Language language : values()) {
            if (language.code.equals(wanted) || language.databaseTag.toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    /** Every code, for the error that refuses another. */
    public static String codes() {
        StringBuilder codes = new StringBuilder();
        for (Language language : values()) {
            codes.append(codes.isEmpty() ? "" : ", ").append(language.code);
        }
        return codes.toString();
    }
}
