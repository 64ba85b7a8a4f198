package geo.common.http;

/**
 * One cross-cutting rule of a service (CORS preflight, body limits, conditional GET, a rate limit), written once: it
 * answers or refuses the exchange itself, or passes it on to {@code next} and may change what comes back.
 */
@FunctionalInterface
public interface Filter {

    Reply filter(Exchange exchange, Handler next);
}
