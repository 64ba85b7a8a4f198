package geo.frontend;

import geo.api.testing.ApiFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A real geo-frontend on a loopback port in front of a real geo-api (whose provider is faked). */
final class FrontendFixture implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ApiFixture api;
    private final GeoFrontend frontend;

    private FrontendFixture(ApiFixture api, GeoFrontend frontend) {
        this.api = api;
        this.frontend = frontend;
    }

    static FrontendFixture start() {
        ApiFixture api = ApiFixture.start();
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
        return GeoFrontend.start(FrontendConfig.from(all), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headerNamesAndValues.length > 0) {
            request.headers(headerNamesAndValues);
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        frontend.close();
        api.close();
    }
}
