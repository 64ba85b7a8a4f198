package geo.common.http;

import geo.common.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's whole request handling, as data: its routes, the filters every request passes through in order, who
 * the client is, the one mapper of refusals to answers, and the headers on every answer. {@link Exchanges} runs it.
 */
public final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Refusal UNEXPECTED = new Refusal.Unexpected();

    private final RouteTable routes;
    private final Function<Request, IpAddress> clients;
    private final Function<Refusal, Response> refusals;
    private final Map<String, String> everyAnswer;
    private final Handler chain;

    private Pipeline(RouteTable routes, List<Filter> filters, Function<Request, IpAddress> clients,
            Function<Refusal, Response> refusals, Map<String, String> everyAnswer) {
        this.routes = routes;
        this.clients = clients;
        this.refusals = refusals;
        this.everyAnswer = Map.copyOf(everyAnswer);
        Handler chain = Pipeline::dispatch;
        for (Filter filter : filters.reversed()) {
            Handler next = chain;
            chain = exchange -> filter.filter(exchange, next);
        }
        this.chain = chain;
    }

    /**
     * @param routes      every route of the service
     * @param filters     the rules every request passes through, first to last, before its route runs
     * @param clients     who the caller of a request is
     * @param refusals    words every refusal as this service answers: the one place that knows their statuses
     * @param everyAnswer headers on every answer, refusals and the internal error included
     */
    public static Pipeline of(RouteTable routes, List<Filter> filters, Function<Request, IpAddress> clients,
            Function<Refusal, Response> refusals, Map<String, String> everyAnswer) {
        return new Pipeline(Objects.requireNonNull(routes, "routes"), List.copyOf(filters),
                Objects.requireNonNull(clients, "clients"), Objects.requireNonNull(refusals, "refusals"),
                everyAnswer);
    }

    public RouteTable routes() {
        return routes;
    }

    Map<String, String> everyAnswer() {
        return everyAnswer;
    }

    /** The request matched, once, and its client resolved, once. */
    Exchange exchange(Request request) {
        return new Exchange(request, routes.route(request), clients.apply(request));
    }

    /**
     * The exchange's answer through the filters and its route. An unexpected exception is logged once, without the
     * request's query (it could hold a secret), and answered as the service words {@link Refusal.Unexpected}.
     */
    Response answer(Exchange exchange) {
        try {
            return switch (chain.handle(exchange)) {
                case Response response -> response;
                case Refusal refusal -> refusals.apply(refusal);
            };
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error e) {
            // A bug or a broken dependency fails this request only, never the connection without an answer.
            LOG.error("event=unexpected_error method={} path={} error={}", exchange.request().method(),
                    exchange.request().rawPath(), e.toString());
            return refusals.apply(UNEXPECTED);
        }
    }

    /** The refusal as this service words it. */
    Response refused(Refusal refusal) {
        return refusals.apply(refusal);
    }

    private static Reply dispatch(Exchange exchange) {
        return switch (exchange.routing()) {
            case RouteTable.Routing.Matched matched -> matched.route().handler().handle(exchange);
            case RouteTable.Routing.WrongMethod wrong -> new Refusal.MethodNotAllowed(wrong.allowed());
            case RouteTable.Routing.NoRoute none -> new Refusal.NoSuchRoute();
        };
    }
}
