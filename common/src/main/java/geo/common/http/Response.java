package geo.common.http;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP answer: its status, its headers and its body, and where its content came from.
 *
 * @param status     the HTTP status code
 * @param headers    response headers, one value each
 * @param body       the body, sent as is (not for HEAD requests); shared, not copied
 * @param provenance where the content came from, for the access log and the metrics; never sent as such
 */
public record Response(int status, Map<String, String> headers, byte[] body, Optional<Provenance> provenance)
        implements Reply {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html; charset=utf-8";
    public static final String TEXT = "text/plain; charset=utf-8";

    private static final byte[] NO_BODY = new byte[0];

    public Response {
        headers = Map.copyOf(headers);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** An answer of no particular source. */
    public Response(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, Optional.empty());
    }

    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, Map.of("Content-Type", contentType), body);
    }

    public static Response of(int status, String contentType, String body) {
        return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response empty(int status) {
        return new Response(status, Map.of(), NO_BODY);
    }

    public Response withHeader(String name, String value) {
        return withHeaders(Map.of(name, value));
    }

    /** This answer with these headers added, replacing any of the same name. */
    public Response withHeaders(Map<String, String> added) {
        Map<String, String> more = new HashMap<>(headers);
        more.putAll(added);
        return new Response(status, more, body, provenance);
    }

    /** The same answer with another status, these headers in place of its own, and no body (a 304, say). */
    public Response withoutBody(int newStatus, Map<String, String> newHeaders) {
        return new Response(newStatus, newHeaders, NO_BODY, provenance);
    }
}
