package geo.common.testing;

import com.sun.net.httpserver.HttpHandler;
import geo.common.http.ExchangeObserver;
import geo.common.http.Exchanges;
import geo.common.http.Filter;
import geo.common.http.Pipeline;
import geo.common.http.Refusal;
import geo.common.http.Request;
import geo.common.http.Response;
import geo.common.http.RouteTable;
import geo.common.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Pipelines for tests of the HTTP layer: every method on any path of up to four segments goes to one function. */
public final class TestPipelines {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private static final List<String> TEMPLATES = List.of("/", "/{a}", "/{a}/{b}", "/{a}/{b}/{c}",
            "/{a}/{b}/{c}/{d}");

    private TestPipelines() {
    }

    /** Refusals as text: a 500 is "sorry", whatever went wrong; the others say what was refused. */
    public static Response refused(Refusal refusal) {
        return switch (refusal) {
            case Refusal.BadFraming bad -> Response.of(400, Response.TEXT, "refused: " + bad.reason());
            case Refusal.NoSuchRoute none -> Response.of(404, Response.TEXT, "no such route");
            case Refusal.MethodNotAllowed wrong -> Response.of(405, Response.TEXT, "not allowed")
                    .withHeader("Allow", String.join(", ", wrong.allowed()));
            case Refusal.BodyNotAccepted body -> Response.of(413, Response.TEXT, "no body here");
            case Refusal.TooManyRequests tooMany -> Response.of(429, Response.TEXT, "too many")
                    .withHeader("Retry-After", Long.toString(tooMany.retryAfterSeconds()));
            case Refusal.Unexpected unexpected -> Response.of(500, Response.TEXT, "sorry");
        };
    }

    public static Pipeline answering(Function<Request, Response> answer) {
        return answering(answer, List.of());
    }

    public static Pipeline answering(Function<Request, Response> answer, List<Filter> filters) {
        List<RouteTable.Route> routes = new ArrayList<>();
        for (String method : METHODS) {
            for (String template : TEMPLATES) {
                routes.add(new RouteTable.Route(method, template, exchange -> answer.apply(exchange.request())));
            }
        }
        return Pipeline.of(RouteTable.of(routes), filters, request -> IpAddress.of(request.remoteAddress()),
                TestPipelines::refused, Map.of());
    }

    public static HttpHandler handler(Function<Request, Response> answer) {
        return Exchanges.handler(answering(answer), ExchangeObserver.none());
    }
}
