package geo.frontend;

import geo.common.http.Responder;
import geo.common.http.Response;
import java.util.Map;

/**
 * The headers that every answer of geo-frontend carries. The page needs nothing but itself and its style sheet: no
 * script at all, nothing from another origin, and it may not be framed, so a value that escaped escaping still could
 * not run.
 */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            // For browsers that predate frame-ancestors.
            "X-Frame-Options", "DENY");

    private SecurityHeaders() {
    }

    static Response addTo(Response response) {
        return response.withHeaders(HEADERS);
    }

    /** The responder, with these headers on every answer it gives. */
    static Responder around(Responder responder) {
        return request -> addTo(responder.respond(request));
    }
}
