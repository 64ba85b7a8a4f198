package geo.frontend;

import geo.common.http.Response;
import geo.common.json.Json;

/**
 * The "Raw JSON" link of the page: geo-api's answer passed on as geo-api wrote it, since geo-api itself is usually
 * on an internal network that the visitor's browser cannot reach. Errors keep geo-api's shape:
 * {@code {"status":…,"error":"…"}}.
 */
final class RawJson {

    private RawJson() {
    }

    static Response of(ApiAnswer answer) {
        return switch (answer) {
            case ApiAnswer.Located located -> Response.of(200, Response.JSON, located.json());
            case ApiAnswer.LocatedMany many -> Response.of(200, Response.JSON, many.json());
            case ApiAnswer.Refused refused -> {
                Response error = error(refused.status(), refused.message());
                yield refused.retryAfter().isEmpty() ? error : error.withHeader("Retry-After", refused.retryAfter());
            }
            case ApiAnswer.Unavailable unavailable -> error(unavailable.status(), unavailable.message());
        };
    }

    static Response error(int status, String message) {
        return Response.of(status, Response.JSON, Json.error(status, message));
    }
}
