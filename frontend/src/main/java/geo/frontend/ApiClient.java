package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.json.Json;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks geo-api about an address over HTTP. */
final class ApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    /** A location is a few kilobytes; a far larger answer is not geo-api's. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    /** How many of geo-api's addresses one look-up tries when connections fail. */
    private static final int MAX_ATTEMPTS = 3;

    private final HttpClient http;
    private final ApiAddresses api;
    private final Duration timeout;
    // Decimals stay as geo-api wrote them (1795544474.830), not as a double would print (1.79554447483E9).
    private final ObjectMapper json = Json.MAPPER;

    /** @param api geo-api's base URL, e.g. {@code http://geo-api:8080/} */
    ApiClient(HttpClient http, URI api, Duration timeout) {
        this.http = http;
        this.api = new ApiAddresses(api, FrontendConfig.API_CONNECT_TIMEOUT);
        this.timeout = timeout;
    }

    /**
     * Looks up an address. Only a parsed address can be asked, and only as {@code GET /ip/<address>}, geo-api's route
     * that does nothing but look addresses up: no text a visitor types can reach another route of geo-api.
     *
     * @param forwardedFor the {@code X-Forwarded-For} chain to pass on, ending with the visitor as this server saw it
     */
    ApiAnswer.One lookup(IpAddress address, String forwardedFor) {
        return ask(ONE, base -> HttpRequest.newBuilder(base.resolve(ApiPaths.lookup(address)))
                .header("X-Forwarded-For", forwardedFor)
                .GET());
    }

    /** Looks up the visitor, whom geo-api finds at the end of {@code forwardedFor}. */
    ApiAnswer.One lookupVisitor(String forwardedFor) {
        return ask(ONE, base -> HttpRequest.newBuilder(base.resolve(ApiPaths.VISITOR))
                .header("X-Forwarded-For", forwardedFor)
                .GET());
    }

    /** Looks up several addresses in one {@code POST /bulk}. */
    ApiAnswer.Many lookupAll(List<IpAddress> addresses, String forwardedFor) {
        ObjectNode body = json.createObjectNode();
        addresses.forEach(address -> body.withArray("ips").add(address.canonical()));
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return ask(MANY, base -> HttpRequest.newBuilder(base.resolve(ApiPaths.BULK))
                .header("X-Forwarded-For", forwardedFor)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    /** A 200 of geo-api: its JSON, as text, and its {@code X-Source}. */
    private record Got(JsonNode tree, String json, String source) {
    }

    /**
     * How one question takes geo-api's answers: what a 200 must hold (empty when it does not), and the refusals and
     * failures that every question can get.
     */
    private record Shape<A extends ApiAnswer>(Function<Got, Optional<A>> located,
            Function<ApiAnswer.Refused, A> refused, Function<ApiAnswer.Unavailable, A> unavailable) {
    }

    private static final Shape<ApiAnswer.One> ONE = new Shape<>(got -> got.tree().isObject()
            ? Optional.of(new ApiAnswer.Located(got.tree(), got.json(), got.source())) : Optional.empty(),
            refused -> refused, unavailable -> unavailable);
    private static final Shape<ApiAnswer.Many> MANY = new Shape<>(got -> got.tree().isArray()
            ? Optional.of(new ApiAnswer.LocatedMany(got.tree(), got.json(), got.source())) : Optional.empty(),
            refused -> refused, unavailable -> unavailable);

    /**
     * Sends the request to one of geo-api's addresses, and to another when a connection fails (a look-up can safely
     * be asked again), up to {@link #MAX_ATTEMPTS}.
     */
    private <A extends ApiAnswer> A ask(Shape<A> shape, Function<URI, HttpRequest.Builder> requestTo) {
        List<URI> bases;
        try {
            bases = api.inRandomOrder();
        } catch (UnknownHostException e) {
            LOG.warn("event=api_unreachable api={} error=UnknownHostException", api);
            return shape.unavailable().apply(unreachable());
        }
        IOException lastFailure = null;
        for (URI base : bases.subList(0, Math.min(MAX_ATTEMPTS, bases.size()))) {
            HttpRequest request = requestTo.apply(base)
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .build();
            try {
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                api.answered(base);
                return answer(shape, response);
            } catch (HttpConnectTimeoutException e) {
                // A replica that vanished never answers a connection; another one may.
                api.failed(base);
                lastFailure = e;
            } catch (HttpTimeoutException e) {
                // Another address would make the visitor wait as long again.
                LOG.warn("event=api_timeout api={} timeout={}", api, timeout);
                return shape.unavailable().apply(new ApiAnswer.Unavailable(504,
                        "geo-api did not answer in time. Please try again in a moment."));
            } catch (IOException e) {
                // That replica is gone or going; a look-up can safely be asked again of another.
                api.failed(base);
                lastFailure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return shape.unavailable().apply(new ApiAnswer.Unavailable(502, "The look-up was interrupted."));
            }
        }
        LOG.warn("event=api_unreachable api={} error={}", api,
                lastFailure == null ? "no address" : lastFailure.getClass().getSimpleName());
        return shape.unavailable().apply(unreachable());
    }

    private static ApiAnswer.Unavailable unreachable() {
        return new ApiAnswer.Unavailable(502, "geo-api cannot be reached right now. Please try again in a moment.");
    }

    private <A extends ApiAnswer> A answer(Shape<A> shape, HttpResponse<InputStream> response) throws IOException {
        // Read into one array of the length geo-api announces: read to the limit, every answer cost an 8 KiB chunk
        // and a copy, a twentieth of a page's garbage.
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(MAX_ANSWER_BYTES + 1);
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) Math.clamp(announced, 0, MAX_ANSWER_BYTES + 1));
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode tree = body.length > MAX_ANSWER_BYTES ? null : parse(body);
        int status = response.statusCode();
        if (tree != null && status == 200) {
            Optional<A> located = shape.located().apply(new Got(tree, text,
                    response.headers().firstValue("X-Source").orElse("")));
            if (located.isPresent()) {
                return located.get();
            }
        } else if (tree != null && tree.isObject() && status >= 400) {
            String message = tree.path("error").asText("");
            return shape.refused().apply(new ApiAnswer.Refused(status,
                    message.isEmpty() ? "geo-api answered HTTP " + status : message,
                    response.headers().firstValue("Retry-After").flatMap(ApiClient::seconds)));
        }
        LOG.warn("event=api_garbled api={} status={}", api, status);
        return shape.unavailable().apply(new ApiAnswer.Unavailable(502, Pages.NOT_UNDERSTOOD));
    }

    /** Retry-After as geo-api sends it: whole seconds. */
    private static Optional<Duration> seconds(String retryAfter) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip()))).filter(d -> !d.isNegative());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
