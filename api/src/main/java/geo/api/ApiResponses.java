package geo.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.Outcome;
import geo.common.http.Response;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Turns lookup outcomes into geo-api's HTTP answers: the one place that knows their JSON and headers. */
final class ApiResponses {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Response UP = Response.of(200, Response.JSON, "{\"status\":\"UP\"}");
    static final Response NO_SUCH_ROUTE = error(404, "no such route: ask GET /<ip>, for example GET /8.8.8.8");
    static final Response METHOD_NOT_ALLOWED = error(405, "only GET, HEAD and OPTIONS are allowed")
            .withHeader("Allow", "GET, HEAD, OPTIONS");
    static final Response INTERNAL_ERROR = error(500, "internal error");

    private record ErrorBody(int status, String error) {
    }

    private final byte[] hitSuffix;
    private final byte[] missSuffix;

    /** @param hostName the replica's name, sent as {@code apiServer} so that people can see which one answered */
    ApiResponses(String hostName) {
        this.hitSuffix = suffix(true, hostName);
        this.missSuffix = suffix(false, hostName);
    }

    Response of(Outcome outcome) {
        return switch (outcome) {
            case Found found -> found(found);
            case Failure failure -> failure(failure);
        };
    }

    /**
     * The stored JSON object with {@code cached} and {@code apiServer} spliced in before its closing brace, so that a
     * cache hit is served without parsing or re-serialising the location.
     */
    private Response found(Found found) {
        byte[] json = found.json();
        byte[] suffix = found.cached() ? hitSuffix : missSuffix;
        boolean empty = json.length == 2;
        int keep = json.length - 1;
        byte[] body = new byte[keep + suffix.length - (empty ? 1 : 0)];
        System.arraycopy(json, 0, body, 0, keep);
        // An empty object takes the fields without the separating comma.
        System.arraycopy(suffix, empty ? 1 : 0, body, keep, suffix.length - (empty ? 1 : 0));
        return new Response(200, Map.of(
                "Content-Type", Response.JSON,
                "X-Cache", found.cached() ? "HIT" : "MISS",
                "X-Source", found.source().label()), body);
    }

    private static Response failure(Failure failure) {
        Response response = error(failure.status(), failure.message());
        if (failure instanceof Failure.OverQuota overQuota) {
            response = response.withHeader("Retry-After", Long.toString(overQuota.retryAfter().toSeconds()));
        }
        return response;
    }

    static Response error(int status, String message) {
        return Response.of(status, Response.JSON, write(new ErrorBody(status, message)));
    }

    private static byte[] suffix(boolean cached, String hostName) {
        return (",\"cached\":" + cached + ",\"apiServer\":" + new String(write(hostName), StandardCharsets.UTF_8)
                + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
