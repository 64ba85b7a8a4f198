package geo.api;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.address.ClientAddressResolver;
import geo.common.net.IpAddress;
import geo.common.json.Json;
import geo.api.lookup.Failure;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Outcome;
import geo.common.config.Resources;
import geo.common.http.Request;
import geo.common.http.Responder;
import geo.common.http.Response;
import geo.common.http.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Every route of geo-api, in one table ({@link #table()}), which the API description {@code /openapi.json} is tested
 * against. Around the table: the CORS preflight for any path ({@link #EVERY_ANSWER} goes on every answer), 413 for a body where none is
 * expected, 404 and 405, the rate limit for look-ups (never for the operational routes), and 304 for a client whose
 * copy is still good.
 */
final class ApiRoutes implements Responder {

    /**
     * On every answer of geo-api (set by the HTTP layer as it writes them): any origin may read it (CORS), and no
     * browser may take it for anything but its Content-Type.
     */
    static final Map<String, String> EVERY_ANSWER = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "X-Cache, X-Source, Retry-After, ETag",
            "X-Content-Type-Options", "nosniff");
    private static final Response PREFLIGHT = Response.empty(204).withHeaders(Map.of(
            "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Headers", "*",
            "Access-Control-Max-Age", "86400"));
    private static final Response BODY_REFUSED = ApiResponses.error(413,
            "a request body is not accepted here: only POST /bulk takes one");
    private static final Response OPENAPI = Response.of(200, Response.JSON, Resources.bytes(ApiRoutes.class, "openapi.json"))
            .withHeader("Cache-Control", "public, max-age=3600");

    private final GeoLookup lookup;
    private final ClientAddressResolver clients;
    private final ApiResponses responses;
    private final RateLimiter limiter;
    private final ApiMetrics metrics;
    private final Readiness readiness;
    private final int bulkMax;
    private final RouteTable table;

    /**
     * @param lookup    finds locations
     * @param clients   who the caller is, behind trusted proxies
     * @param responses turns outcomes into answers
     * @param limiter   the per-client rate limit
     * @param metrics   the service's metrics, to count requests over the rate limit
     * @param readiness what {@code /ready} says
     * @param bulkMax   how many addresses one {@code POST /bulk} may hold
     */
    ApiRoutes(GeoLookup lookup, ClientAddressResolver clients, ApiResponses responses, RateLimiter limiter,
            ApiMetrics metrics, Readiness readiness, int bulkMax) {
        this.lookup = lookup;
        this.clients = clients;
        this.responses = responses;
        this.limiter = limiter;
        this.metrics = metrics;
        this.readiness = readiness;
        this.bulkMax = bulkMax;
        this.table = RouteTable.of(List.of(
                RouteTable.get("/", (request, path) -> limited(request, 1, () -> ownLocation(request))),
                RouteTable.get("/ip", (request, path) -> ownAddress(request)),
                RouteTable.get("/health", (request, path) -> ApiResponses.UP),
                RouteTable.get("/status", (request, path) -> ApiResponses.UP),
                RouteTable.get("/ready", (request, path) -> readiness.answer()),
                RouteTable.get("/openapi.json", (request, path) -> OPENAPI),
                RouteTable.get("/{ip}", (request, path) -> limited(request, 1, () -> location(request,
                        path.get("ip")))),
                // The path that the how-to's original frontend asks.
                RouteTable.get("/ip/{ip}", (request, path) -> limited(request, 1, () -> location(request,
                        path.get("ip")))),
                RouteTable.get("/{ip}/{field}", (request, path) -> limited(request, 1, () -> field(path.get("ip"),
                        path.get("field")))),
                RouteTable.post("/bulk", this::bulk)));
    }

    RouteTable table() {
        return table;
    }

    @Override
    public Response respond(Request request) {
        return route(request);
    }

    private Response route(Request request) {
        if (request.method().equals("OPTIONS")) {
            return PREFLIGHT;
        }
        Optional<RouteTable.Match> match = table.match(request);
        if (match.isEmpty()) {
            Set<String> allowed = table.methodsAt(request);
            return allowed.isEmpty()
                    ? ApiResponses.NO_SUCH_ROUTE
                    : ApiResponses.error(405, "only " + String.join(", ", allowed) + " and OPTIONS are allowed here")
                            .withHeader("Allow", String.join(", ", allowed) + ", OPTIONS");
        }
        if (!request.method().equals("POST") && request.hasBody()) {
            return BODY_REFUSED;
        }
        try {
            return ApiResponses.conditional(request, match.get().route().handler().handle(request,
                    match.get().path()));
        } catch (FieldSelection.UnknownField e) {
            return ApiResponses.error(400, e.getMessage());
        }
    }

    private Response limited(Request request, int lookups, Supplier<Response> answer) {
        Optional<Duration> wait = limiter.retryAfter(caller(request).canonical(), lookups);
        if (wait.isPresent()) {
            metrics.rateLimited();
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return ApiResponses.error(429, "too many requests: at most " + limiter.perMinute()
                    + " look-ups a minute per client; try again in " + seconds + " s")
                    .withHeader("Retry-After", Long.toString(seconds));
        }
        return answer.get();
    }

    private Response ownLocation(Request request) {
        FieldSelection selection = selection(request);
        return responses.of(lookup.locate(caller(request)), selection, true);
    }

    /** The caller's address as text, as "what is my IP" services answer it. */
    private Response ownAddress(Request request) {
        return Response.of(200, Response.TEXT, caller(request).canonical() + "\n")
                .withHeaders(Map.of("Cache-Control", "private, no-store", "Vary", "X-Forwarded-For"));
    }

    /** The selection is checked first: a bad one must cost no look-up. */
    private Response location(Request request, String text) {
        FieldSelection selection = selection(request);
        return responses.of(locate(text), selection, false);
    }

    private Response field(String text, String field) {
        if (!FieldSelection.isKnown(field)) {
            throw new FieldSelection.UnknownField("the path", field);
        }
        return responses.field(locate(text), field);
    }

    /** {@code POST /bulk} with {@code {"ips": [...]}}: an array of answers in the same order. */
    private Response bulk(Request request, Map<String, String> path) {
        int maxBytes = bulkMax * 64 + 1024;
        byte[] bytes;
        try {
            // Not closed here: closing skips what is left of the body, which must not delay the answer. The HTTP
            // layer closes the exchange once it has answered.
            bytes = request.body().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            // Broken chunked framing, or a client that stopped sending: the connection closes after the answer.
            return ApiResponses.error(400, "the request body is malformed or incomplete");
        }
        if (bytes.length > maxBytes) {
            return ApiResponses.error(413, "the body is larger than " + maxBytes + " bytes");
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return ApiResponses.error(400, "the body is not JSON: send {\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}");
        }
        JsonNode ips = body == null ? null : body.get("ips");
        if (ips == null || !ips.isArray() || !allText(ips)) {
            return ApiResponses.error(400, "send {\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}: an array of addresses as "
                    + "strings");
        }
        if (ips.size() > bulkMax) {
            return ApiResponses.error(413, "at most " + bulkMax + " addresses per request, not " + ips.size());
        }
        FieldSelection selection = selection(request);
        List<String> asked = new ArrayList<>(ips.size());
        ips.forEach(ip -> asked.add(ip.asText()));
        return limited(request, Math.max(1, asked.size()), () -> responses.bulk(asked, locateAll(asked), selection));
    }

    /** Each address's outcome: invalid text fails on its own, the valid ones are looked up together. */
    private List<Outcome> locateAll(List<String> asked) {
        List<Optional<IpAddress>> parsed = asked.stream().map(IpAddress::parse).toList();
        List<Outcome> found = new ArrayList<>(lookup.locateAll(parsed.stream().flatMap(Optional::stream).toList()));
        List<Outcome> outcomes = new ArrayList<>(asked.size());
        int next = 0;
        for (int i = 0; i < asked.size(); i++) {
            outcomes.add(parsed.get(i).isPresent() ? found.get(next++) : Failure.InvalidAddress.of(asked.get(i)));
        }
        return outcomes;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private IpAddress caller(Request request) {
        return clients.clientOf(request.remoteAddress(), request.headerValues("X-Forwarded-For"));
    }

    private Outcome locate(String text) {
        return IpAddress.parse(text).map(lookup::locate).orElseGet(() -> Failure.InvalidAddress.of(text));
    }

    private static FieldSelection selection(Request request) {
        return FieldSelection.of(request.queryParameter("fields"), request.queryParameter("excludes"));
    }
}
