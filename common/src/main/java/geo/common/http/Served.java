package geo.common.http;

import geo.common.net.IpAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The facts of one answered request, for the access log and the metrics.
 *
 * @param method     the request method
 * @param rawPath    the path as sent, still percent-encoded
 * @param route      the route's name (see {@link Exchange#route()})
 * @param client     who asked
 * @param status     the status answered
 * @param provenance where the answer's content came from, when it has one source
 * @param took       from the request's arrival in geo's handler to the last byte written
 */
public record Served(String method, String rawPath, String route, IpAddress client, int status,
        Optional<Provenance> provenance, Duration took) {
}
