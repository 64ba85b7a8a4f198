package geo.common.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a handler needs to know of one request.
 *
 * @param method        the request method, e.g. {@code GET}
 * @param rawPath       the path as sent, still percent-encoded, starting with {@code /}
 * @param rawQuery      the query as sent, still percent-encoded; empty when there is none
 * @param headers       the request headers (read-only by contract)
 * @param remoteAddress the address of the peer that opened the connection (a proxy, behind a load balancer)
 * @param body          the request body as it arrives, for the one route that takes one; read it with a bound
 */
public record Request(String method, String rawPath, String rawQuery, Headers headers, InetAddress remoteAddress,
        InputStream body) {

    /** A request without a body. */
    public Request(String method, String rawPath, String rawQuery, Headers headers, InetAddress remoteAddress) {
        this(method, rawPath, rawQuery, headers, remoteAddress, InputStream.nullInputStream());
    }

    static Request from(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        return new Request(exchange.getRequestMethod(), path == null || path.isEmpty() ? "/" : path,
                query == null ? "" : query, exchange.getRequestHeaders(),
                exchange.getRemoteAddress().getAddress(), exchange.getRequestBody());
    }

    /**
     * The path's segments, each decoded on its own so that an encoded {@code /} stays inside its segment: {@code /}
     * has none, {@code /ip/8.8.8.8} has two, {@code /a/} has {@code a} and an empty one.
     */
    public List<String> pathSegments() {
        return PathSegments.decode(rawPath);
    }

    /** Whether the client sends a body, which no route of geo expects. */
    public boolean hasBody() {
        return header("Transfer-Encoding").isPresent()
                || header("Content-Length").map(length -> !length.strip().equals("0")).orElse(false);
    }

    public boolean isGetOrHead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** Every value of a header, in the order received; several header lines count as one comma-separated list. */
    public List<String> headerValues(String name) {
        List<String> values = headers.get(name);
        return values == null ? List.of() : values;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** The first value of a query parameter, decoded; empty when the parameter is absent. */
    public Optional<String> queryParameter(String name) {
        return QueryString.first(rawQuery, name);
    }
}
