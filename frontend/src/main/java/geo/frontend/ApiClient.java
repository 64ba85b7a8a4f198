package geo.frontend;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks geo-api about an address over HTTP. */
final class ApiClient {

    private static final Logger LOG = LoggerFactory.getLogger(ApiClient.class);
    /** A location is a few kilobytes; a far larger answer is not geo-api's. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;

    private final HttpClient http;
    private final URI api;
    private final Duration timeout;
    // Decimals stay as geo-api wrote them (1795544474.830), not as a double would print (1.79554447483E9).
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    /** @param api geo-api's base URL, ending in {@code /} */
    ApiClient(HttpClient http, URI api, Duration timeout) {
        this.http = http;
        this.api = api;
        this.timeout = timeout;
    }

    /**
     * Looks up an address, or the visitor's own address when {@code address} is empty.
     *
     * @param forwardedFor the {@code X-Forwarded-For} chain to pass on, ending with the visitor as this server saw it
     */
    ApiAnswer lookup(String address, String forwardedFor) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + PathSegment.encode(address)))
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return answer(response);
        } catch (HttpTimeoutException e) {
            LOG.warn("event=api_timeout api={} timeout={}", api, timeout);
            return new ApiAnswer.Unavailable(504, "geo-api did not answer in time. Please try again in a moment.");
        } catch (IOException e) {
            LOG.warn("event=api_unreachable api={} error={}", api, e.getClass().getSimpleName());
            return new ApiAnswer.Unavailable(502, "geo-api cannot be reached right now. Please try again in a moment.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiAnswer.Unavailable(502, "The look-up was interrupted.");
        }
    }

    private ApiAnswer answer(HttpResponse<InputStream> response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        JsonNode tree = body.length > MAX_ANSWER_BYTES ? null : parse(body);
        if (tree == null || !tree.isObject()) {
            LOG.warn("event=api_garbled api={} status={}", api, response.statusCode());
            return new ApiAnswer.Unavailable(502, "geo-api gave an answer this page does not understand.");
        }
        if (response.statusCode() == 200) {
            return new ApiAnswer.Located(tree, response.headers().firstValue("X-Source").orElse(""));
        }
        String message = tree.path("error").asText("");
        return new ApiAnswer.Refused(response.statusCode(),
                message.isEmpty() ? "geo-api answered HTTP " + response.statusCode() : message,
                response.headers().firstValue("Retry-After").orElse(""));
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return null;
        }
    }
}
