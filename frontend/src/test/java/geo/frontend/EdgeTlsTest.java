package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import geo.common.testing.TestNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * geo-edge's front door as the how-to ends it, on loopback: HTTPS with a certificate of a test authority made for this
 * run, two host names on one port, plain HTTP redirected to HTTPS, HSTS, TLS 1.2 and 1.3 only.
 */
class EdgeTlsTest {

    private static final String API = "api.example.geo-test";
    private static final String WEB = "www.example.geo-test";

    private static FrontendFixture site;
    private static TestCertificates certificates;
    private static GeoEdge edge;
    private static HttpClient client;

    @BeforeAll
    static void start() throws IOException {
        for (String name : new String[] {API, WEB, "elsewhere.example.geo-test"}) {
            // Named, so that TLS checks the certificate against this name, not the loopback address's own.
            TestNames.define(name, InetAddress.getByAddress(name, InetAddress.getLoopbackAddress().getAddress()));
        }
        site = FrontendFixture.start();
        certificates = TestCertificates.forNames(API, WEB, "elsewhere.example.geo-test");
        edge = GeoEdge.start(site.api().port(), site.port(), tls(Map.of()));
        client = HttpClient.newBuilder().sslContext(certificates.trustingCa()).connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        edge.close();
        certificates.close();
        site.close();
    }

    @Test
    void theApisHostNameAnswersTheApiOverHttp2() {
        HttpResponse<String> answer = get("https://" + API + ":" + edge.httpsPort() + "/8.8.8.8?fields=city");

        assertEquals(200, answer.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals("{\"ip\":\"8.8.8.8\",\"city\":\"Mountain View\"}", answer.body());
    }

    @Test
    void theFrontendsHostNameAnswersThePageWithNothingFetchedOverPlainHttp() {
        HttpResponse<String> answer = get("https://" + WEB + ":" + edge.httpsPort() + "/?ip=8.8.8.8");

        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("<td>Mountain View</td>"), answer.body());
        assertFalse(answer.body().matches("(?s).*(src|href|action)=\"http:.*"), "mixed content: " + answer.body());
    }

    @Test
    void anyOtherHostNameIs421NotARandomService() {
        HttpResponse<String> answer = get("https://elsewhere.example.geo-test:" + edge.httpsPort() + "/8.8.8.8");

        assertEquals(421, answer.statusCode());
        assertEquals("misdirected request: this is " + API + " and " + WEB, answer.body());
    }

    @Test
    void plainHttpIsRedirectedToTheSameHostAndPathOnHttps() {
        HttpResponse<String> answer = get("http://" + WEB + ":" + edge.httpPort() + "/?ip=8.8.8.8&x=%2F");

        assertEquals(301, answer.statusCode());
        assertEquals("https://" + WEB + ":" + edge.httpsPort() + "/?ip=8.8.8.8&x=%2F",
                answer.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void httpsAnswersCarryHstsAndPlainOnesDoNot() {
        assertEquals("max-age=31536000", get("https://" + API + ":" + edge.httpsPort() + "/8.8.8.8").headers()
                .firstValue("Strict-Transport-Security").orElseThrow());
        assertEquals("max-age=31536000", get("https://elsewhere.example.geo-test:" + edge.httpsPort() + "/")
                .headers().firstValue("Strict-Transport-Security").orElseThrow());
        assertFalse(get("http://127.0.0.1:" + edge.apiPort() + "/8.8.8.8").headers()
                .firstValue("Strict-Transport-Security").isPresent());
    }

    @Test
    void hstsMaxAgeZeroLeavesItOut() {
        try (GeoEdge plain = GeoEdge.start(site.api().port(), site.port(), tls(Map.of("HSTS_MAX_AGE", "0")))) {
            HttpResponse<String> answer = get("https://" + API + ":" + plain.httpsPort() + "/8.8.8.8");

            assertEquals(200, answer.statusCode());
            assertFalse(answer.headers().firstValue("Strict-Transport-Security").isPresent());
        }
    }

    @Test
    void withOneHostNameHttpsServesThatServiceWhateverTheName() {
        Map<String, String> onlyTheFrontend = tls(Map.of("API_HOSTNAME", ""));
        try (GeoEdge web = GeoEdge.start(site.api().port(), site.port(), onlyTheFrontend)) {
            HttpResponse<String> answer = get("https://elsewhere.example.geo-test:" + web.httpsPort() + "/");

            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().startsWith("<!doctype html>"), answer.body());
        }
    }

    @Test
    void tls11AndWeakCiphersAreRefusedByTheServer() {
        String tls11 = handshake("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0");
        String cbc = handshake("-tls1_2", "-cipher", "AES128-SHA");
        String tls12 = handshake("-tls1_2");
        String tls13 = handshake("-tls1_3");

        assertTrue(tls11.contains("alert protocol version"), tls11);
        assertTrue(cbc.contains("alert handshake failure"), cbc);
        assertTrue(tls12.contains("Protocol  : TLSv1.2") || tls12.contains("New, TLSv1.2"), tls12);
        assertTrue(tls13.contains("TLSv1.3"), tls13);
    }

    @Test
    void aClientThatTrustsAnotherAuthorityIsRefusedTheHandshake() {
        try (TestCertificates other = TestCertificates.forNames(API)) {
            HttpClient stranger = HttpClient.newBuilder().sslContext(other.trustingCa()).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + API + ":" + edge.httpsPort()
                    + "/8.8.8.8")).build();

            assertThrows(SSLHandshakeException.class, () -> stranger.send(request,
                    HttpResponse.BodyHandlers.ofString()));
        }
    }

    @Test
    void theCallersAddressAndTheSchemeArePassedOnThroughHttps() throws IOException {
        HttpServer echo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        echo.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = (exchange.getRequestHeaders().getFirst("X-Forwarded-For") + " "
                        + exchange.getRequestHeaders().getFirst("X-Forwarded-Proto")).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        echo.start();
        try (GeoEdge forwarding = GeoEdge.start(echo.getAddress().getPort(), echo.getAddress().getPort(),
                tls(Map.of()))) {
            assertEquals("127.0.0.1 https", get("https://" + API + ":" + forwarding.httpsPort() + "/").body());
            assertEquals("127.0.0.1 http", get("http://127.0.0.1:" + forwarding.apiPort() + "/").body());
        } finally {
            echo.stop(0);
        }
    }

    /** geo-edge's settings for HTTPS with this run's certificate and both host names, and these on top. */
    private static Map<String, String> tls(Map<String, String> more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "EDGE_TLS_PEM", certificates.pem().toString(),
                "API_HOSTNAME", API,
                "FRONTEND_HOSTNAME", WEB));
        settings.putAll(more);
        return settings;
    }

    private static String handshake(String... options) {
        String[] arguments = new String[options.length + 5];
        arguments[0] = "s_client";
        arguments[1] = "-connect";
        arguments[2] = "127.0.0.1:" + edge.httpsPort();
        arguments[3] = "-servername";
        arguments[4] = API;
        System.arraycopy(options, 0, arguments, 5, options.length);
        return TestCertificates.openssl(certificates.folder(), arguments);
    }

    private static HttpResponse<String> get(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
