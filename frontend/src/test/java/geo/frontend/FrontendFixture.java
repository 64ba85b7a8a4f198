package geo.frontend;

import geo.api.testing.ApiFixture;
import geo.common.testing.TestHttp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/** A real geo-frontend on a loopback port in front of a real geo-api (whose provider is faked). */
final class FrontendFixture implements AutoCloseable {

    private final ApiFixture api;
    private final GeoFrontend frontend;

    private FrontendFixture(ApiFixture api, GeoFrontend frontend) {
        this.api = api;
        this.frontend = frontend;
    }

    static FrontendFixture start() {
        return start(Map.of());
    }

    /** With these settings for geo-api, e.g. PROVIDER=database. */
    static FrontendFixture start(Map<String, String> apiSettings) {
        ApiFixture api = ApiFixture.start(apiSettings);
        try {
            return new FrontendFixture(api, startFrontend(Map.of("API_SERVER_PORT", Integer.toString(api.port()))));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** A frontend whose api is at the given port, where nothing may be listening. */
    static GeoFrontend startFrontend(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("API_SERVER", "127.0.0.1", "API_TIMEOUT", "PT3S",
                "SHUTDOWN_GRACE", "PT1S"));
        all.putAll(settings);
        return GeoFrontend.start(FrontendConfig.from(all), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    int port() {
        return frontend.port();
    }

    int adminPort() {
        return frontend.adminPort();
    }

    ApiFixture api() {
        return api;
    }

    HttpResponse<String> get(String pathAndQuery, String... headerNamesAndValues) {
        return send(frontend.port(), "GET", pathAndQuery, headerNamesAndValues);
    }

    HttpResponse<String> send(String method, String pathAndQuery) {
        return send(frontend.port(), method, pathAndQuery);
    }

    static HttpResponse<String> send(int port, String method, String pathAndQuery, String... headerNamesAndValues) {
        return TestHttp.send(port, method, pathAndQuery, headerNamesAndValues);
    }

    @Override
    public void close() {
        frontend.close();
        api.close();
    }
}
