package geo.api;

/** What a look-up's query string said: a {@link Query}, or the first thing in it that geo-api cannot answer. */
sealed interface ParsedQuery permits Query, Problem.UnknownField, Problem.UnknownLanguage {
}
