package geo.frontend;

import geo.common.http.Refusal;
import geo.common.http.Response;
import geo.common.json.Json;
import java.time.Duration;
import java.util.Optional;

/**
 * The "Raw JSON" link of the page: geo-api's answer passed on as geo-api wrote it, since geo-api itself is usually
 * on an internal network that the visitor's browser cannot reach. Errors keep geo-api's shape:
 * {@code {"status":…,"error":"…"}}; so do the admin port's.
 */
final class RawJson {

    private RawJson() {
    }

    static Response of(ApiAnswer.One answer) {
        return switch (answer) {
            case ApiAnswer.Located located -> Response.of(200, Response.JSON, located.json());
            case ApiAnswer.Refused refused -> withRetryAfter(error(refused.status(), refused.message()),
                    refused.retryAfter());
            case ApiAnswer.Unavailable unavailable -> error(unavailable.status(), unavailable.message());
        };
    }

    static Response error(int status, String message) {
        return Response.of(status, Response.JSON, Json.error(status, message));
    }

    /** The admin port's refusals, in geo-api's JSON shape. */
    static Response refused(Refusal refusal) {
        return switch (refusal) {
            case Refusal.BadFraming bad -> error(400, bad.reason());
            case Refusal.NoSuchRoute none -> error(404, "no such route: the admin port answers /health, /ready and "
                    + "/metrics");
            case Refusal.MethodNotAllowed wrong -> error(405, "only " + String.join(", ", wrong.allowed())
                    + " are allowed here").withHeader("Allow", String.join(", ", wrong.allowed()));
            case Refusal.BodyNotAccepted body -> error(413, "a request body is not accepted here");
            case Refusal.TooManyRequests tooMany -> withRetryAfter(error(429, "too many requests"),
                    Optional.of(tooMany.retryAfter()));
            case Refusal.Unexpected unexpected -> error(500, Pages.INTERNAL_ERROR);
        };
    }

    static Response withRetryAfter(Response response, Optional<Duration> retryAfter) {
        return retryAfter.map(wait -> response.withHeader("Retry-After", Long.toString(wait.toSeconds())))
                .orElse(response);
    }
}
