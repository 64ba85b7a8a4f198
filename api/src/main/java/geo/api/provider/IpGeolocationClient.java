package geo.api.provider;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.net.IpAddress;
import geo.api.key.ApiKey;
import geo.common.json.Json;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Language;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
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
    private static final int SINGLE_LOOKUPS_AT_ONCE = 8;

    private final HttpClient http;
    private final String endpoint;
    private final ApiVersion version;
    private final ApiKey key;
    private final Duration timeout;
    private final ObjectMapper json = Json.MAPPER;
    private final AtomicBoolean keyEchoReported = new AtomicBoolean();

    public IpGeolocationClient(HttpClient http, URI baseUrl, ApiVersion version, ApiKey key, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.endpoint = withoutTrailingSlash(baseUrl.toString()) + version.path();
        this.version = Objects.requireNonNull(version, "version");
        this.key = Objects.requireNonNull(key, "key");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public Outcome locate(IpAddress address, Language language) {
        HttpRequest request = HttpRequest.newBuilder(uriFor(address, language))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        Outcome outcome;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            outcome = answer(address, response);
        } catch (IOException | InterruptedException e) {
            outcome = unanswered(e);
        }
        if (outcome instanceof Failure failure && !(failure instanceof Failure.NotFound)) {
            LOG.warn("event=provider_error ip={} failure={} error=\"{}\"", address,
                    failure.getClass().getSimpleName(), failure.message());
        }
        return outcome;
    }

    /**
     * Asks ipgeolocation.io's bulk endpoint ({@code /v2/ipgeo-bulk}, or {@code /ipgeo-bulk} for v1) once for all
     * the addresses. Bulk look-ups are for paid plans only: when the key may not use them (401, 403), each address
     * is asked on its own instead, a few at a time.
     */
    @Override
    public List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
        if (addresses.size() < 2) {
            return GeoProvider.super.locateAll(addresses, language);
        }
        ObjectNode body = json.createObjectNode();
        addresses.forEach(address -> body.withArray("ips").add(address.canonical()));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(endpoint + "-bulk?apiKey="
                            + URLEncoder.encode(key.reveal(), StandardCharsets.UTF_8) + languageParameter(language)))
                    .timeout(timeout)
                    .header("Accept", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
        } catch (JacksonException e) {
            return failAll(addresses, new Failure.ProviderFailed("the bulk request could not be written"));
        }
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                response.body().close();
                LOG.info("event=provider_bulk_refused status={} fallback=single_lookups", response.statusCode());
                return oneByOne(addresses, language);
            }
            return bulkAnswer(addresses, response);
        } catch (IOException | InterruptedException e) {
            return failAll(addresses, unanswered(e));
        }
    }

    /** A call that got no answer: too slow, no connection, or this thread told to stop. */
    private Failure unanswered(Exception e) {
        return switch (e) {
            case HttpTimeoutException timedOut -> new Failure.ProviderTimeout(timeout);
            case InterruptedException interrupted -> {
                Thread.currentThread().interrupt();
                yield new Failure.ProviderFailed("the request was interrupted");
            }
            default -> new Failure.ProviderFailed("it could not be reached (" + e.getClass().getSimpleName() + ")");
        };
    }

    private List<Outcome> bulkAnswer(List<IpAddress> addresses, HttpResponse<InputStream> response)
            throws IOException {
        int limit = MAX_ANSWER_BYTES + addresses.size() * 16 * 1024;
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes(limit + 1);
        }
        int status = response.statusCode();
        if (status != 200) {
            Failure failure = status == 429 ? new Failure.OverQuota(retryAfter(response))
                    : new Failure.ProviderFailed("its bulk endpoint answered HTTP " + status);
            LOG.warn("event=provider_error bulk={} status={} error=\"{}\"", addresses.size(), status,
                    failure.message());
            return failAll(addresses, failure);
        }
        JsonNode tree;
        try {
            tree = body.length > limit ? null : json.readTree(body);
        } catch (IOException e) {
            tree = null;
        }
        if (tree == null || !tree.isArray() || tree.size() != addresses.size()) {
            return failAll(addresses, new Failure.ProviderFailed("its bulk answer was not one object per address"));
        }
        List<Outcome> outcomes = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            JsonNode element = tree.get(i);
            boolean located = element instanceof ObjectNode object && !object.isEmpty()
                    && !(object.size() == 1 && object.has("message"));
            outcomes.add(located ? location(json.writeValueAsBytes(element)) : new Failure.NotFound(addresses.get(i)));
        }
        return outcomes;
    }

    /** Single look-ups, at most a few at once so as not to trip the provider's rate limit. */
    private List<Outcome> oneByOne(List<IpAddress> addresses, Language language) {
        Semaphore permits = new Semaphore(SINGLE_LOOKUPS_AT_ONCE);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Outcome>> futures = addresses.stream().map(address -> threads.submit(() -> {
                permits.acquire();
                try {
                    return locate(address, language);
                } finally {
                    permits.release();
                }
            })).toList();
            List<Outcome> outcomes = new ArrayList<>(futures.size());
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            return outcomes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failAll(addresses, new Failure.ProviderFailed("the request was interrupted"));
        } catch (ExecutionException e) {
            return failAll(addresses, new Failure.ProviderFailed("a look-up failed unexpectedly"));
        }
    }

    private static List<Outcome> failAll(List<IpAddress> addresses, Failure failure) {
        return addresses.stream().map(address -> (Outcome) failure).toList();
    }

    /** English is ipgeolocation.io's default, and asking for it would only lengthen the URI. */
    private static String languageParameter(Language language) {
        return language == Language.ENGLISH ? "" : "&lang=" + language.code();
    }

    private URI uriFor(IpAddress address, Language language) {
        // The key travels only in this URI, which is never logged.
        return URI.create(endpoint + "?apiKey=" + URLEncoder.encode(key.reveal(), StandardCharsets.UTF_8)
                + "&ip=" + URLEncoder.encode(address.canonical(), StandardCharsets.UTF_8) + languageParameter(language));
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
        if (redactKey(flat) && keyEchoReported.compareAndSet(false, true)) {
            LOG.warn("event=provider_answer_redacted error=\"the provider's answer held the API key; it was replaced "
                    + "by [redacted] (logged once)\"");
        }
        try {
            return new Found(json.writeValueAsBytes(flat), Source.IPGEOLOCATION, false);
        } catch (JacksonException e) {
            return new Failure.ProviderFailed("its answer could not be stored");
        }
    }

    /**
     * Replaces the key wherever the answer holds it, in a value or a field's name at any depth, since the answer is
     * cached and served to anyone; true when it did.
     */
    private boolean redactKey(JsonNode node) {
        boolean redacted = false;
        if (node instanceof ObjectNode object) {
            for (String name : object.properties().stream().map(Map.Entry::getKey).toList()) {
                JsonNode value = object.get(name);
                if (value.isTextual() && key.isIn(value.asText())) {
                    object.put(name, key.redact(value.asText()));
                    redacted = true;
                } else {
                    redacted |= redactKey(value);
                }
                if (key.isIn(name)) {
                    object.set(key.redact(name), object.remove(name));
                    redacted = true;
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && key.isIn(array.get(i).asText())) {
                    array.set(i, key.redact(array.get(i).asText()));
                    redacted = true;
                } else {
                    redacted |= redactKey(array.get(i));
                }
            }
        }
        return redacted;
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
