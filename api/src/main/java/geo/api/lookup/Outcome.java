package geo.api.lookup;

/** The result of looking up one address: its location, or why there is none. */
public sealed interface Outcome permits Found, Failure {
}
