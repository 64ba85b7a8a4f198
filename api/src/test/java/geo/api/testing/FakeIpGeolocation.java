package geo.api.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A stand-in for ipgeolocation.io on a loopback port: it answers {@code /ipgeo} (flat) and {@code /v2/ipgeo} (nested)
 * with a location for the requested address, refuses a wrong API key with 401 as the real one does, and can be told
 * to fail, to stall, or to answer something else.
 */
public final class FakeIpGeolocation implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectNode FLAT = template("ipgeo-v1.json");
    private static final ObjectNode NESTED = template("ipgeo-v2.json");

    private final MockWebServer server = new MockWebServer();
    private final String validKey;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Function<RecordedRequest, MockResponse> behaviour = this::location;
    private volatile Duration delay = Duration.ZERO;
    private volatile String city = "Mountain View";
    private volatile boolean bulkRefused;

    private FakeIpGeolocation(String validKey) {
        this.validKey = validKey;
    }

    public static FakeIpGeolocation start(String validKey) {
        FakeIpGeolocation fake = new FakeIpGeolocation(Objects.requireNonNull(validKey));
        fake.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                fake.requests.add(request);
                MockResponse response = fake.behaviour.apply(request);
                Duration delay = fake.delay;
                return delay.isZero() ? response
                        : response.newBuilder().headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build();
            }
        });
        try {
            fake.server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fake;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    /** Every answer from now on has this status and body, whatever was asked. */
    public void answer(int status, String body) {
        behaviour = request -> new MockResponse.Builder().code(status)
                .setHeader("Content-Type", "application/json").body(body).build();
    }

    /** Every answer from now on is this response. */
    public void answer(MockResponse response) {
        behaviour = request -> response;
    }

    /** Back to answering with a location for the requested address. */
    public void answerWithLocations() {
        behaviour = this::location;
    }

    /** The bulk endpoint answers 403 from now on, as it does for keys on the free plan. */
    public void refuseBulk() {
        bulkRefused = true;
    }

    /** The city of the locations from now on, e.g. a hostile one. */
    public void city(String city) {
        this.city = city;
    }

    /** Every answer from now on comes only after this delay. */
    public void delay(Duration delay) {
        this.delay = delay;
    }

    /** How many requests reached the provider. */
    public int calls() {
        return requests.size();
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse location(RecordedRequest request) {
        if (!validKey.equals(request.getUrl().queryParameter("apiKey"))) {
            return new MockResponse.Builder().code(401)
                    .body("{\"message\":\"Provided API key is not valid. Contact technical support for assistance"
                            + " at support@ipgeolocation.io\"}").build();
        }
        if (request.getUrl().encodedPath().endsWith("-bulk")) {
            return bulk(request);
        }
        String ip = request.getUrl().queryParameter("ip");
        boolean nested = request.getUrl().encodedPath().equals("/v2/ipgeo");
        ObjectNode answer = (nested ? NESTED : FLAT).deepCopy();
        answer.put("ip", ip);
        (nested ? (ObjectNode) answer.get("location") : answer).put("city", city);
        return new MockResponse.Builder().code(200)
                .setHeader("Content-Type", "application/json")
                .body(answer.toString())
                .build();
    }

    /** ipgeolocation.io's bulk endpoint: an array of locations in the order of {@code {"ips": [...]}}. */
    private MockResponse bulk(RecordedRequest request) {
        if (bulkRefused) {
            return new MockResponse.Builder().code(403)
                    .body("{\"message\":\"Bulk IP lookup is not supported on your current subscription.\"}").build();
        }
        boolean nested = request.getUrl().encodedPath().equals("/v2/ipgeo-bulk");
        ArrayNode answers = JSON.createArrayNode();
        try {
            for (JsonNode ip : JSON.readTree(request.getBody().utf8()).path("ips")) {
                ObjectNode answer = (nested ? NESTED : FLAT).deepCopy();
                answer.put("ip", ip.asText());
                (nested ? (ObjectNode) answer.get("location") : answer).put("city", city);
                answers.add(answer);
            }
        } catch (IOException e) {
            return new MockResponse.Builder().code(400).body("{\"message\":\"bad JSON\"}").build();
        }
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                .body(answers.toString()).build();
    }

    private static ObjectNode template(String name) {
        try (InputStream in = FakeIpGeolocation.class.getResourceAsStream(name)) {
            return (ObjectNode) JSON.readTree(Objects.requireNonNull(in, name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
