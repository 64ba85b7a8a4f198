package geo.api;

/** What {@code ?fields=} and {@code ?excludes=} said: a selection, or the first name in them that is not a field. */
sealed interface ParsedSelection permits FieldSelection, Problem.UnknownField {
}
