package geo.api;

import geo.api.address.ClientAddressResolver;
import geo.api.address.IpAddress;
import geo.api.lookup.Failure;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Outcome;
import geo.common.http.Request;
import geo.common.http.Responder;
import geo.common.http.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every route of geo-api, in one place. Look-ups are rate limited per client when {@code RATE_LIMIT} is set; the
 * operational routes ({@code /health}, {@code /ready}, {@code /metrics}, {@code /status}) never are. Every answer
 * may be read by a page of any origin (CORS), as public geolocation APIs allow.
 *
 * @param lookup    finds locations
 * @param clients   who the caller is, behind trusted proxies
 * @param responses turns outcomes into answers
 * @param limiter   the per-client rate limit
 * @param metrics   the service's metrics, for {@code /metrics}
 * @param readiness what {@code /ready} says
 */
record ApiRoutes(GeoLookup lookup, ClientAddressResolver clients, ApiResponses responses, RateLimiter limiter,
        ApiMetrics metrics, Readiness readiness) implements Responder {

    private static final Map<String, String> CORS = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "X-Cache, X-Source, Retry-After");
    private static final Response PREFLIGHT = Response.empty(204).withHeaders(Map.of(
            "Access-Control-Allow-Methods", "GET, HEAD, OPTIONS",
            "Access-Control-Allow-Headers", "*",
            "Access-Control-Max-Age", "86400"));
    private static final Response BODY_REFUSED = ApiResponses.error(413, "a request body is not accepted: ask GET /<ip>");

    @Override
    public Response respond(Request request) {
        return route(request).withHeaders(CORS);
    }

    /** The name of a request's route for metrics: one of a fixed few, whatever the path. */
    static String nameOf(Request request) {
        List<String> path = request.pathSegments();
        if (path.isEmpty()) {
            return "/";
        }
        if (path.size() == 1) {
            return switch (path.getFirst()) {
                case "health", "ready", "metrics", "status" -> "/" + path.getFirst();
                default -> "/{ip}";
            };
        }
        return path.size() == 2 && path.getFirst().equals("ip") ? "/ip/{ip}" : "other";
    }

    private Response route(Request request) {
        if (request.method().equals("OPTIONS")) {
            return PREFLIGHT;
        }
        if (!request.isGetOrHead()) {
            return ApiResponses.METHOD_NOT_ALLOWED;
        }
        if (request.hasBody()) {
            return BODY_REFUSED;
        }
        List<String> path = request.pathSegments();
        if (path.size() == 1) {
            switch (path.getFirst()) {
                case "health", "status":
                    return ApiResponses.UP;
                case "ready":
                    return readiness.answer();
                case "metrics":
                    return metrics.metrics().scrape(request);
                default:
                    break;
            }
        }
        if (path.size() > 2 || (path.size() == 2 && !path.getFirst().equals("ip"))) {
            return ApiResponses.NO_SUCH_ROUTE;
        }
        IpAddress caller = clients.clientOf(request.remoteAddress(), request.headerValues("X-Forwarded-For"));
        Optional<Duration> wait = limiter.retryAfter(caller.canonical());
        if (wait.isPresent()) {
            metrics.rateLimited();
            return tooManyRequests(wait.get());
        }
        // The original frontend asks /ip/<ip>; the rest of the world /<ip>.
        return responses.of(path.isEmpty() ? lookup.locate(caller) : locate(path.getLast()));
    }

    private Outcome locate(String text) {
        return IpAddress.parse(text).map(lookup::locate).orElseGet(() -> Failure.InvalidAddress.of(text));
    }

    private Response tooManyRequests(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return ApiResponses.error(429, "too many requests: at most " + limiter.perMinute()
                + " look-ups a minute per client; try again in " + seconds + " s")
                .withHeader("Retry-After", Long.toString(seconds));
    }
}
