package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * geo-edge, with the configuration swarm-setup.sh deploys, in front of a real geo-api and geo-frontend: a client of
 * the published ports meets geo's answers (or geo-edge's, in the same shape), never the JDK server's own pages for
 * what its parser refuses.
 */
class EdgeTest {

    /** What the JDK's HTTP server answers itself: an HTML fragment, never geo's. */
    private static final String JDK_PAGE = "<h1>400 Bad Request</h1>";
    /** What HAProxy 2.6 answers for a request it cannot parse at all; it cannot be replaced before HAProxy 3.2. */
    private static final String HAPROXY_PAGE = "<html><body><h1>400 Bad request</h1>";

    private static FrontendFixture site;
    private static GeoEdge edge;

    @BeforeAll
    static void start() {
        site = FrontendFixture.start();
        edge = GeoEdge.start(site.api().port(), site.port(), Map.of());
    }

    @AfterAll
    static void stop() {
        edge.close();
        site.close();
    }

    @Test
    void malformedRequestsToTheApiGetGeosJsonNeverTheJdksPage() {
        List<HostileRequests.Hostile> requests = new HostileRequests(20261201L).forApi(400);

        List<String> wrong = check(requests, edge.apiPort(), answer -> answer.body().startsWith("{\"status\":4"));

        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, e.g. " + wrong.subList(0, Math.min(10,
                wrong.size())));
    }

    @Test
    void malformedRequestsToTheFrontendGetAnHtmlPageOfGeosNeverTheJdks() {
        List<HostileRequests.Hostile> requests = new HostileRequests(20261202L).forFrontend(400);

        List<String> wrong = check(requests, edge.webPort(), answer -> answer.status() >= 400
                && answer.contentType().startsWith("text/html") && answer.body().startsWith("<!doctype html>"));

        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, e.g. " + wrong.subList(0, Math.min(10,
                wrong.size())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"//8.8.8.8", "///8.8.8.8"})
    void aTargetStartingWithTwoSlashesIsReadAsAPath(String target) {
        RawHttp.Answer answer = RawHttp.send(edge.apiPort(), "GET", target);

        assertEquals(200, answer.status(), answer.body());
        assertTrue(answer.body().startsWith("{\"ip\":\"8.8.8.8\""), answer.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%zz", "/8.8.8.8%", "/{8.8.8.8}", "/8.8.8.8|x", "/a[b]", "/8.8.8.8?x=<"})
    void aTargetTheJdkWouldRefuseIsGeoEdges400InGeosShape(String target) {
        RawHttp.Answer answer = RawHttp.send(edge.apiPort(), "GET", target);

        assertEquals(400, answer.status(), answer.body());
        assertEquals("{\"status\":400,\"error\":\"the request target is not a valid URI\"}", answer.body());
    }

    @Test
    void bareLineFeedsAreReadAsHttpAndAnswered() throws IOException {
        String answer = exchange("GET /8.8.8.8 HTTP/1.1\nHost: x\nConnection: close\n\n");

        assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
    }

    @Test
    void moreHeaderFieldsThanTheJdkTakesAre431InGeosShape() throws IOException {
        StringBuilder request = new StringBuilder("GET /8.8.8.8 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for (int i = 0; i < 80; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        String answer = exchange(request.append("\r\n").toString());

        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        assertTrue(answer.endsWith("{\"status\":431,\"error\":\"request header fields too large: at most 64 of them "
                + "and 12 KiB\"}"), answer);
    }

    @Test
    void largerHeadersThanTheJdkTakesAre431InGeosShape() throws IOException {
        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(13_000)
                + "\r\nConnection: close\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
    }

    @Test
    void theCallersAddressReachesGeoApiThroughTheEdge() throws IOException {
        // From 127.0.0.3, a loopback address that geo-edge itself never uses.
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.3"), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), edge.apiPort()));
            socket.getOutputStream().write("GET /ip HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAll(socket.getInputStream());

            assertTrue(answer.startsWith("HTTP/1.1 200 "), answer);
            assertTrue(answer.endsWith("\r\n\r\n127.0.0.3\n"), answer);
        }
    }

    /** Sends each request through the edge; a line for each answer that is neither geo's own nor HAProxy's. */
    private static List<String> check(List<HostileRequests.Hostile> requests, int port,
            Predicate<RawHttp.Answer> isGeos) {
        List<String> wrong = new ArrayList<>();
        int refusedByHaproxy = 0;
        for (HostileRequests.Hostile request : requests) {
            RawHttp.Answer answer = RawHttp.send(port, request.method(), request.target());
            if (answer.body().startsWith(HAPROXY_PAGE)) {
                refusedByHaproxy++;
            } else if (answer.body().contains(JDK_PAGE) || !(answer.status() >= 400 && answer.status() < 500
                    && isGeos.test(answer))) {
                wrong.add(request + " -> " + answer.status() + " " + answer.contentType() + " " + answer.body()
                        .substring(0, Math.min(80, answer.body().length())));
            }
        }
        System.out.printf("through geo-edge: %d requests, %d refused by HAProxy's parser%n", requests.size(),
                refusedByHaproxy);
        return wrong;
    }

    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), edge.apiPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readAll(socket.getInputStream());
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            in.transferTo(received);
        } catch (SocketException reset) {
            // What came before the reset is the answer.
        }
        return received.toString(StandardCharsets.UTF_8);
    }
}
