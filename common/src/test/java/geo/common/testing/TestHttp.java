package geo.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the integration tests need to talk HTTP to the servers they start on loopback. */
public final class TestHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestHttp() {
    }

    /** Sends a request without a body to {@code http://127.0.0.1:port/...}; headers come as name, value, … */
    public static HttpResponse<String> send(int port, String method, String pathAndQuery,
            String... headerNamesAndValues) {
        return send(port, method, pathAndQuery, HttpRequest.BodyPublishers.noBody(), headerNamesAndValues);
    }

    /** Sends a request with a body, which geo's routes refuse. */
    public static HttpResponse<String> sendWithBody(int port, String method, String pathAndQuery, String body) {
        return send(port, method, pathAndQuery, HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(int port, String method, String pathAndQuery,
            HttpRequest.BodyPublisher body, String... headerNamesAndValues) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .method(method, body);
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

    /** A loopback port on which nothing listens (it was free a moment ago). */
    public static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
