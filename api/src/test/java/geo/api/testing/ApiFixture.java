package geo.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import geo.common.http.RouteTable;
import geo.api.ApiConfig;
import geo.api.GeoApi;
import geo.common.testing.TestHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A real geo-api on a loopback port, asking a {@link FakeIpGeolocation}, with an HTTP client to talk to it. */
public final class ApiFixture implements AutoCloseable {

    /** The key the fake provider accepts; tests look for it in places where it must never appear. */
    public static final String KEY = "k3y-5ecret-0f-the-test-d0-not-leak";
    public static final String HOST_NAME = "api-replica-1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeIpGeolocation provider;
    private final boolean ownsProvider;
    private final GeoApi api;

    private ApiFixture(FakeIpGeolocation provider, boolean ownsProvider, GeoApi api) {
        this.provider = provider;
        this.ownsProvider = ownsProvider;
        this.api = api;
    }

    /** geo-api with its own fake provider, in-memory cache, and these settings on top of the test defaults. */
    public static ApiFixture start(Map<String, String> settings) {
        FakeIpGeolocation provider = FakeIpGeolocation.start(KEY);
        try {
            return new ApiFixture(provider, true, startApi(provider, settings,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
        } catch (RuntimeException e) {
            provider.close();
            throw e;
        }
    }

    public static ApiFixture start() {
        return start(Map.of());
    }

    /** Another replica that shares the given provider, as the replicas in a swarm share ipgeolocation.io. */
    public static ApiFixture replica(FakeIpGeolocation provider, Map<String, String> settings) {
        return replicaAt(provider, settings, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Another replica listening where the test says, e.g. on another loopback address. */
    public static ApiFixture replicaAt(FakeIpGeolocation provider, Map<String, String> settings,
            InetSocketAddress address) {
        return new ApiFixture(provider, false, startApi(provider, settings, address));
    }

    /**
     * The settings every test starts from: ipgeolocation.io only (the fake one, with its key; tests of the offline
     * database set PROVIDER themselves, and get the downloaded database unless they set GEO_DB), and a known replica
     * name.
     */
    public static Map<String, String> defaults(FakeIpGeolocation provider) {
        return Map.of(
                "PROVIDER", "ipgeolocation",
                "API_KEY", KEY,
                "IPGEOLOCATION_URL", provider.url().toString(),
                "HOSTNAME", HOST_NAME,
                "SHUTDOWN_GRACE", "PT1S",
                // Never a folder that a run of geo-api on this machine left newer files in.
                "GEO_DB_WORK", TestDatabase.emptyWorkFolder().toString());
    }

    /** The api's route table, which its API description is tested against. */
    public RouteTable routes() {
        return api.routeTable();
    }

    public FakeIpGeolocation provider() {
        return provider;
    }

    public int port() {
        return api.port();
    }

    /** Where the operators' routes are: /health, /ready with its details, /metrics. */
    public int adminPort() {
        return api.adminPort();
    }

    /** A GET of the admin port. */
    public HttpResponse<String> admin(String pathAndQuery) {
        return TestHttp.send(api.adminPort(), "GET", pathAndQuery);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + api.port() + pathAndQuery);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headerNamesAndValues) {
        return send("GET", pathAndQuery, headerNamesAndValues);
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String... headerNamesAndValues) {
        return TestHttp.send(api.port(), method, pathAndQuery, headerNamesAndValues);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    @Override
    public void close() {
        api.close();
        if (ownsProvider) {
            provider.close();
        }
    }

    private static GeoApi startApi(FakeIpGeolocation provider, Map<String, String> settings,
            InetSocketAddress address) {
        Map<String, String> all = new HashMap<>(defaults(provider));
        all.putAll(settings);
        if (!all.get("PROVIDER").equals("ipgeolocation")) {
            // Only the tests of the offline database need it downloaded.
            all.putIfAbsent("GEO_DB", TestDatabase.folder().toString());
        }
        return GeoApi.start(ApiConfig.from(all), address, new InetSocketAddress(address.getAddress(), 0));
    }
}
