package geo.api;

import geo.api.lookup.Failure;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Language;
import geo.api.lookup.Outcome;
import geo.common.config.Resources;
import geo.common.http.Exchange;
import geo.common.http.Filters;
import geo.common.http.Pipeline;
import geo.common.http.Refusal;
import geo.common.http.Reply;
import geo.common.http.Request;
import geo.common.http.Response;
import geo.common.http.RouteTable;
import geo.common.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * geo-api's pipeline: every route in one table ({@link #table()}), which the API description {@code /openapi.json}
 * is tested against, behind the filters that every request passes through, in this order: the CORS preflight for any
 * path, 413 for a body where none is taken, the rate limit for look-ups (never for the operational routes), and 304
 * for a client whose copy is still good. 404 and 405 come from the table itself.
 */
final class ApiRoutes {

    /**
     * On every answer of geo-api (set by the HTTP layer as it writes them): any origin may read it (CORS), and no
     * browser may take it for anything but its Content-Type.
     */
    static final Map<String, String> EVERY_ANSWER = Map.of(
            "Access-Control-Allow-Origin", "*",
            "Access-Control-Expose-Headers", "X-Cache, X-Source, X-Database-Date, Retry-After, ETag",
            "X-Content-Type-Options", "nosniff");
    static final Response PREFLIGHT = Response.empty(204).withHeaders(Map.of(
            "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS",
            "Access-Control-Allow-Headers", "*",
            "Access-Control-Max-Age", "86400"));
    /** The routes that look an address up, each request counting once against the rate limit. */
    static final Set<String> LOOKUPS = Set.of("/", "/{ip}", "/ip/{ip}", "/{ip}/{field}");
    private static final Response OPENAPI = Response.of(200, Response.JSON,
            Resources.bytes(ApiRoutes.class, "openapi.json")).withHeader("Cache-Control", "public, max-age=3600");

    private final GeoLookup lookup;
    private final ApiResponses responses;
    private final RateLimiter limiter;
    private final Readiness readiness;
    private final int bulkMax;
    private final RouteTable table;

    /**
     * @param lookup    finds locations
     * @param responses turns outcomes into answers
     * @param limiter   the per-client rate limit
     * @param readiness what {@code /ready} says
     * @param bulkMax   how many addresses one {@code POST /bulk} may hold
     */
    ApiRoutes(GeoLookup lookup, ApiResponses responses, RateLimiter limiter, Readiness readiness, int bulkMax) {
        this.lookup = lookup;
        this.responses = responses;
        this.limiter = limiter;
        this.readiness = readiness;
        this.bulkMax = bulkMax;
        this.table = RouteTable.of(List.of(
                RouteTable.get("/", this::ownLocation),
                RouteTable.get("/ip", ApiRoutes::ownAddress),
                RouteTable.get("/health", exchange -> ApiResponses.UP),
                RouteTable.get("/status", exchange -> ApiResponses.UP),
                RouteTable.get("/ready", exchange -> readiness.answer()),
                RouteTable.get("/openapi.json", exchange -> OPENAPI),
                RouteTable.get("/{ip}", this::location),
                // The path that the how-to's original frontend asks.
                RouteTable.get("/ip/{ip}", this::location),
                RouteTable.get("/{ip}/{field}", this::field),
                RouteTable.post("/bulk", this::bulk)));
    }

    RouteTable table() {
        return table;
    }

    /** The routes behind geo-api's filters; {@code clients} says who each caller is. */
    Pipeline pipeline(Function<Request, IpAddress> clients) {
        return Pipeline.of(table, List.of(
                        Filters.preflight(PREFLIGHT),
                        Filters.bodyOnlyForPost(),
                        limiter.forRoutes(LOOKUPS),
                        Filters.conditionalGet()),
                clients, ApiErrors.refusals(ApiErrors.API_ROUTES), EVERY_ANSWER);
    }

    /** The selection is checked first: a bad one must cost no look-up. */
    private Reply ownLocation(Exchange exchange) {
        return switch (Query.of(exchange.request())) {
            case Query query -> responses.of(lookup.locate(exchange.client(), query.language()), query, true);
            case Problem refused -> ApiErrors.answer(refused);
        };
    }

    /** The caller's address as text, as "what is my IP" services answer it. */
    private static Reply ownAddress(Exchange exchange) {
        return Response.of(200, Response.TEXT, exchange.client().canonical() + "\n")
                .withHeaders(Map.of("Cache-Control", "private, no-store", "Vary", "X-Forwarded-For"));
    }

    private Reply location(Exchange exchange) {
        return switch (Query.of(exchange.request())) {
            case Query query -> responses.of(locate(exchange.path("ip"), query.language()), query, false);
            case Problem refused -> ApiErrors.answer(refused);
        };
    }

    private Reply field(Exchange exchange) {
        String field = exchange.path("field");
        if (!FieldSelection.isKnown(field)) {
            return ApiErrors.answer(new Problem.UnknownField("the path", field));
        }
        return switch (Query.of(exchange.request())) {
            case Query query -> responses.field(locate(exchange.path("ip"), query.language()), field, query);
            case Problem refused -> ApiErrors.answer(refused);
        };
    }

    /**
     * {@code POST /bulk} with {@code {"ips": [...]}}: an array of answers in the same order. Each address asked counts
     * against the rate limit, once the body has been read.
     */
    private Reply bulk(Exchange exchange) {
        return switch (BulkBody.read(exchange.request(), bulkMax)) {
            case BulkBody.Refused refused -> ApiErrors.answer(refused.problem());
            case BulkBody.Asked asked -> switch (Query.of(exchange.request())) {
                case Problem refused -> ApiErrors.answer(refused);
                case Query query -> {
                    Optional<Refusal> limited = limiter.charge(exchange.client(), Math.max(1, asked.texts().size()));
                    yield limited.isPresent() ? limited.get()
                            : responses.bulk(asked.texts(), locateAll(asked.texts(), query.language()),
                                    query.selection());
                }
            };
        };
    }

    /** Each address's outcome: invalid text fails on its own, the valid ones are looked up together. */
    private List<Outcome> locateAll(List<String> asked, Language language) {
        List<Optional<IpAddress>> parsed = asked.stream().map(IpAddress::parse).toList();
        List<Outcome> found = new ArrayList<>(lookup.locateAll(parsed.stream().flatMap(Optional::stream).toList(),
                language));
        List<Outcome> outcomes = new ArrayList<>(asked.size());
        int next = 0;
        for (int i = 0; i < asked.size(); i++) {
            outcomes.add(parsed.get(i).isPresent() ? found.get(next++) : Failure.InvalidAddress.of(asked.get(i)));
        }
        return outcomes;
    }

    private Outcome locate(String text, Language language) {
        return IpAddress.parse(text).map(address -> lookup.locate(address, language))
                .orElseGet(() -> Failure.InvalidAddress.of(text));
    }
}
