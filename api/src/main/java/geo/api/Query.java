package geo.api;

import geo.api.lookup.Language;
import geo.common.http.Request;
import java.util.Optional;

/**
 * What a look-up's query string asks for: which fields ({@code fields=}, {@code excludes=}) and the language of place
 * names ({@code lang=}, English when absent or empty).
 */
record Query(FieldSelection selection, Language language) implements ParsedQuery {

    static ParsedQuery of(Request request) {
        Optional<String> lang = request.queryParameter("lang").filter(text -> !text.isBlank());
        Optional<Language> language = lang.map(text -> Language.parse(text).orElse(null));
        if (lang.isPresent() && language.isEmpty()) {
            return new Problem.UnknownLanguage(lang.get());
        }
        return switch (FieldSelection.of(request)) {
            case FieldSelection selection -> new Query(selection, language.orElse(Language.ENGLISH));
            case Problem.UnknownField unknown -> unknown;
        };
    }

    /** A short text naming this variant of an answer, for its ETag. */
    String key() {
        return selection.key() + languageKey();
    }

    /** The language's part of a variant's name: none for English, the default. */
    String languageKey() {
        return language == Language.ENGLISH ? "" : ";lang=" + language.code();
    }
}
