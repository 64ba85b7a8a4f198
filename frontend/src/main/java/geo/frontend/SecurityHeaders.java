package geo.frontend;

import java.util.Map;

/**
 * The headers that every answer of geo-frontend carries. The page needs nothing but itself and its style sheet: no
 * script at all, nothing from another origin, and it may not be framed, so a value that escaped escaping still could
 * not run.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** On every answer, the internal error's too: the HTTP layer sets them as it writes each. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            // For browsers that predate frame-ancestors.
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }
}
