package geo.common.http;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The filters that more than one service composes into its pipeline. */
public final class Filters {

    private Filters() {
    }

    /** A CORS preflight ({@code OPTIONS}, on any path) gets {@code answer}; nothing else runs. */
    public static Filter preflight(Response answer) {
        Objects.requireNonNull(answer, "answer");
        return (exchange, next) -> exchange.request().method().equals("OPTIONS") ? answer : next.handle(exchange);
    }

    /**
     * A body sent to a route that does not take one is refused (413) before the route runs: only {@code POST} routes
     * take one. A request that no route answers goes on, to be refused as such.
     */
    public static Filter bodyOnlyForPost() {
        return (exchange, next) -> exchange.routing() instanceof RouteTable.Routing.Matched matched
                && !matched.route().method().equals("POST") && exchange.request().hasBody()
                ? new Refusal.BodyNotAccepted()
                : next.handle(exchange);
    }

    /**
     * A 200 with an {@code ETag} becomes a 304 without a body when the request's {@code If-None-Match} names it (or
     * is {@code *}): the client's copy is still good. The comparison is weak, as RFC 9110 asks for {@code GET}.
     */
    public static Filter conditionalGet() {
        return (exchange, next) -> {
            Reply reply = next.handle(exchange);
            if (!(reply instanceof Response response) || response.status() != 200) {
                return reply;
            }
            String etag = response.headers().get("ETag");
            return etag != null && matchesAny(exchange.request(), etag) ? notModified(response) : reply;
        };
    }

    private static boolean matchesAny(Request request, String etag) {
        for (String value : request.headerValues("If-None-Match")) {
            for (String tag : value.split(",")) {
                String candidate = tag.strip();
                if (candidate.equals("*") || opaque(candidate).equals(opaque(etag))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The answer's headers but its Content-Type, as a 304 sends them, and no body. */
    private static Response notModified(Response response) {
        Map<String, String> kept = new HashMap<>(response.headers());
        kept.remove("Content-Type");
        return response.withoutBody(304, kept);
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
