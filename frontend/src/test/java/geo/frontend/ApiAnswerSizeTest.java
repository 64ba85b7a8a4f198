package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * geo-frontend reads geo-api's answer in the length geo-api announces, or up to its limit when it announces none:
 * an answer within the limit is shown either way, and one beyond it is refused either way.
 */
class ApiAnswerSizeTest {

    private static final String LOCATION = "{\"ip\":\"8.8.8.8\",\"city\":\"Mountain View\",\"country_name\":\"United States\"}";

    @ParameterizedTest(name = "announced length: {0}")
    @ValueSource(booleans = {true, false})
    void anAnswerWithinTheLimitIsShown(boolean announced) {
        HttpResponse<String> page = pageFor(LOCATION, announced);

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<td>Mountain View</td>"), page.body());
    }

    @ParameterizedTest(name = "announced length: {0}")
    @ValueSource(booleans = {true, false})
    void anAnswerBeyondTheLimitIsRefused(boolean announced) {
        String padded = LOCATION.replace("}", ",\"padding\":\"" + "x".repeat(300 * 1024) + "\"}");

        HttpResponse<String> page = pageFor(padded, announced);

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains(Pages.NOT_UNDERSTOOD), page.body());
    }

    /** The page for 8.8.8.8 from a geo-api that answers this body, with its length announced or chunked. */
    private static HttpResponse<String> pageFor(String body, boolean announced) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpServer api = startApi(bytes, announced);
        try (GeoFrontend frontend = FrontendFixture.startFrontend(
                Map.of("API_SERVER_PORT", Integer.toString(api.getAddress().getPort())))) {
            return FrontendFixture.send(frontend.port(), "GET", "/?ip=8.8.8.8");
        } finally {
            api.stop(0);
        }
    }

    private static HttpServer startApi(byte[] answer, boolean announced) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, announced ? answer.length : 0);
                    exchange.getResponseBody().write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
