package geo.api;

import geo.api.lookup.Failure;
import geo.api.lookup.Language;
import geo.common.http.Refusal;
import geo.common.http.Response;
import geo.common.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * geo-api's one status table: every {@link Problem} becomes its status, its message and, where it has them, its
 * headers, here and nowhere else. Errors are JSON, {@code {"status": N, "error": "…"}}, which no cache keeps.
 */
final class ApiErrors {

    /** What this port's 404 suggests. */
    static final String API_ROUTES = "ask GET /<ip>, for example GET /8.8.8.8";
    static final String ADMIN_ROUTES = "the admin port answers /health, /ready and /metrics";

    /** A problem's status, its words and its own headers. */
    record Error(int status, String message, Map<String, String> headers) {
        Error(int status, String message) {
            this(status, message, Map.of());
        }
    }

    private ApiErrors() {
    }

    static Response answer(Problem problem) {
        Error error = of(problem);
        Map<String, String> headers = new HashMap<>(error.headers());
        headers.put("Content-Type", Response.JSON);
        headers.put("Cache-Control", "no-store");
        return new Response(error.status(), headers, Json.error(error.status(), error.message()));
    }

    /** Every refusal of the pipeline, for a port whose routes are {@code routes}. */
    static Function<Refusal, Response> refusals(String routes) {
        return refusal -> answer(new Problem.Refused(refusal, routes));
    }

    static Error of(Problem problem) {
        return switch (problem) {
            case Problem.Lookup(Failure.InvalidAddress invalid) -> new Error(400, invalid.message());
            case Problem.Lookup(Failure.NotPublic notPublic) -> new Error(422, notPublic.message());
            case Problem.Lookup(Failure.NotFound notFound) -> new Error(404, notFound.message());
            case Problem.Lookup(Failure.KeyRejected rejected) -> new Error(502, rejected.message());
            case Problem.Lookup(Failure.OverQuota overQuota) -> new Error(503, overQuota.message(),
                    Map.of("Retry-After", Long.toString(overQuota.retryAfter().toSeconds())));
            case Problem.Lookup(Failure.ProviderTimeout timeout) -> new Error(504, timeout.message());
            case Problem.Lookup(Failure.ProviderFailed failed) -> new Error(502, failed.message());
            case Problem.Refused(Refusal.BadFraming bad, String routes) -> new Error(400, bad.reason());
            case Problem.Refused(Refusal.NoSuchRoute none, String routes) -> new Error(404,
                    "no such route: " + routes);
            case Problem.Refused(Refusal.MethodNotAllowed wrong, String routes) -> new Error(405,
                    "only " + String.join(", ", wrong.allowed()) + " and OPTIONS are allowed here",
                    Map.of("Allow", String.join(", ", wrong.allowed()) + ", OPTIONS"));
            case Problem.Refused(Refusal.BodyNotAccepted body, String routes) -> new Error(413,
                    "a request body is not accepted here: only POST /bulk takes one");
            case Problem.Refused(Refusal.TooManyRequests tooMany, String routes) -> new Error(429,
                    "too many requests: at most " + tooMany.perMinute() + " look-ups a minute per client; try "
                            + "again in " + tooMany.retryAfterSeconds() + " s",
                    Map.of("Retry-After", Long.toString(tooMany.retryAfterSeconds())));
            case Problem.Refused(Refusal.Unexpected unexpected, String routes) -> new Error(500,
                    "something went wrong on our side; please try again in a moment");
            case Problem.UnknownField unknown -> new Error(400, "unknown field '" + shortened(unknown.name())
                    + "' in " + unknown.parameter() + "; the fields are: " + String.join(",", FieldSelection.KNOWN));
            case Problem.UnknownLanguage unknown -> new Error(400, "unknown language '" + shortened(unknown.asked())
                    + "' in lang; the languages are: " + Language.codes());
            case Problem.NoSuchField none -> new Error(404, "the answer for this address has no " + none.field());
            case Problem.BodyUnreadable unreadable -> new Error(400, "the request body is malformed or incomplete");
            case Problem.BodyNotJson notJson -> new Error(400,
                    "the body is not JSON: send {\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}");
            case Problem.BodyNotAddressList notList -> new Error(400,
                    "send {\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}: an array of addresses as strings");
            case Problem.BodyTooLarge tooLarge -> new Error(413,
                    "the body is larger than " + tooLarge.maxBytes() + " bytes");
            case Problem.TooManyAddresses tooMany -> new Error(413,
                    "at most " + tooMany.max() + " addresses per request, not " + tooMany.asked());
            case Problem.Stopping stopping -> new Error(503, "stopping: this replica takes no new work");
        };
    }

    private static String shortened(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
