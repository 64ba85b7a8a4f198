package geo.common.http;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
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
    public static RouteTable table(Response up, Supplier<? extends Reply> ready, Function<Request, Response> metrics) {
        Objects.requireNonNull(up, "up");
        Objects.requireNonNull(ready, "ready");
        Objects.requireNonNull(metrics, "metrics");
        return RouteTable.of(List.of(
                RouteTable.get("/health", exchange -> up),
                RouteTable.get("/ready", exchange -> ready.get()),
                RouteTable.get("/metrics", exchange -> metrics.apply(exchange.request()))));
    }
}
