package geo.common.http;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The operators' routes, served on a port of their own ({@code ADMIN_PORT}) that no node publishes: liveness,
 * readiness with the details an operator needs (which may name internal hosts), and the metrics. The service's own
 * port answers only a bare readiness, for load balancers.
 */
public final class AdminRoutes {

    private AdminRoutes() {
    }

    /**
     * @param up      the answer of {@code /health}
     * @param ready   what {@code /ready} answers now, with its details
     * @param metrics answers {@code /metrics}
     */
    public static RouteTable table(Response up, Supplier<Response> ready, Responder metrics) {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(metrics, "metrics");
        return RouteTable.of(List.of(
                RouteTable.get("/health", (request, path) -> up),
                RouteTable.get("/ready", (request, path) -> ready.get()),
                RouteTable.get("/metrics", (request, path) -> metrics.respond(request))));
    }

    /** The table's routes; any other path is a 404, any other method a 405, in the service's own words. */
    public static Responder responder(RouteTable table, ErrorPage errors) {
        return request -> table.match(request)
                .map(match -> match.route().handler().handle(request, match.path()))
                .orElseGet(() -> table.methodsAt(request).isEmpty()
                        ? errors.of(404, "no such route: the admin port answers /health, /ready and /metrics")
                        : errors.of(405, "only GET and HEAD are allowed here").withHeader("Allow", "GET, HEAD"));
    }
}
