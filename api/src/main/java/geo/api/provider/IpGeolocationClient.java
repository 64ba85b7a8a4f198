package geo.api.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.api.address.IpAddress;
import geo.api.key.ApiKey;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Outcome;
import geo.api.lookup.Source;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Looks addresses up at ipgeolocation.io over HTTP and maps each of its answers to an {@link Outcome}. */
public final class IpGeolocationClient implements GeoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(IpGeolocationClient.class);
    /** A location is a few kilobytes; anything far larger is not one, and must not fill the heap. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofMinutes(1);
    /** Fields that geo-api adds to every answer itself. */
    private static final List<String> OWN_FIELDS = List.of("cached", "apiServer");

    private final HttpClient http;
    private final String endpoint;
    private final ApiVersion version;
    private final ApiKey key;
    private final Duration timeout;
    // Answers keep the provider's spelling: 1795455780.0 must not come out as 1.79545578E9, nor a flag emoji as
    // escaped surrogates.
    private final ObjectMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .build();

    public IpGeolocationClient(HttpClient http, URI baseUrl, ApiVersion version, ApiKey key, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = withoutTrailingSlash(baseUrl.toString()) + version.path();
        this.version = Objects.requireNonNull(version, "version");
        this.key = Objects.requireNonNull(key, "key");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Outcome locate(IpAddress address) {
        HttpRequest request = HttpRequest.newBuilder(uriFor(address))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        Outcome outcome;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            outcome = answer(address, response);
        } catch (HttpTimeoutException e) {
            outcome = new Failure.ProviderTimeout(timeout);
        } catch (IOException e) {
            outcome = new Failure.ProviderFailed("it could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = new Failure.ProviderFailed("the request was interrupted");
        }
        if (outcome instanceof Failure failure && !(failure instanceof Failure.NotFound)) {
            LOG.warn("event=provider_error ip={} status={} error=\"{}\"", address, failure.status(),
                    failure.message());
        }
        return outcome;
    }

    private URI uriFor(IpAddress address) {
        // The key travels only in this URI, which is never logged.
        return URI.create(endpoint + "?apiKey=" + URLEncoder.encode(key.reveal(), StandardCharsets.UTF_8)
                + "&ip=" + URLEncoder.encode(address.canonical(), StandardCharsets.UTF_8));
    }

    private Outcome answer(IpAddress address, HttpResponse<InputStream> response) throws IOException {
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        if (body.length > MAX_ANSWER_BYTES) {
            return new Failure.ProviderFailed("its answer was larger than " + MAX_ANSWER_BYTES + " bytes");
        }
        int status = response.statusCode();
        return switch (status) {
            case 200 -> location(body);
            case 400 -> new Failure.InvalidAddress("the provider does not accept " + address + ": "
                    + providerMessage(body));
            case 401, 403 -> new Failure.KeyRejected();
            case 404 -> new Failure.NotFound(address);
            case 423 -> new Failure.NotPublic(address, "a bogon (an address not in public use, says the provider)");
            case 429 -> new Failure.OverQuota(retryAfter(response));
            default -> new Failure.ProviderFailed("it answered HTTP " + status);
        };
    }

    private Outcome location(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (IOException e) {
            return new Failure.ProviderFailed("its answer was not valid JSON");
        }
        if (!(tree instanceof ObjectNode object) || object.isEmpty()) {
            return new Failure.ProviderFailed("its answer was not a JSON object");
        }
        ObjectNode flat = version == ApiVersion.V2 ? FlatShape.fromV2(object) : object;
        flat.remove(OWN_FIELDS);
        try {
            return new Found(json.writeValueAsBytes(flat), Source.IPGEOLOCATION, false);
        } catch (JacksonException e) {
            return new Failure.ProviderFailed("its answer could not be stored");
        }
    }

    /** The provider's own error text, which is shown to clients and so must never carry the key. */
    private String providerMessage(byte[] body) {
        try {
            JsonNode message = json.readTree(body).path("message");
            if (message.isTextual()) {
                String text = key.redact(message.asText());
                return text.length() > 200 ? text.substring(0, 200) + "…" : text;
            }
        } catch (IOException e) {
            // Not JSON: fall through to the generic text.
        }
        return "no reason given";
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .filter(value -> !value.isEmpty() && value.length() < 10
                        && value.chars().allMatch(c -> c >= '0' && c <= '9'))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)))
                .orElse(DEFAULT_RETRY_AFTER);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
