package geo.common.http;

import geo.common.testing.TestPipelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request framing over a raw socket, as a proxy in front would meet it: a message whose framing is not exactly valid
 * is answered 400 at once and its connection closed, so that nothing left of it is ever read as a next request.
 * Every request here pipelines a second one behind it, which must be answered only where the first was valid.
 */
class FramingTest {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: x\r\n\r\n";

    private HttpService service;

    /** What came back on one connection: each answer's status in order, and when the server closed it. */
    private record Conversation(List<Integer> statuses, String text, Duration closedAfter) {
    }

    @BeforeEach
    void start() {
        // The handler reads any body to its end, as POST /bulk does, and says how long it was.
        service = HttpService.start("framing-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPipelines.handler(request -> {
                    try {
                        int length = request.body().readAllBytes().length;
                        return Response.of(200, Response.TEXT, request.rawPath() + " body=" + length);
                    } catch (IOException e) {
                        return Response.of(400, Response.TEXT, "body unreadable");
                    }
                }));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zz", "-13", " 3 ", "0x3", "ffffffffffffffffffff"})
    void aMalformedChunkSizeIs400AtOnceAndClosesTheConnection(String size) throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + size + "\r\nabc\r\n0\r\n\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void aChunkedBodyWithATrailerIs400AndTheTrailerIsNotReadAsARequest() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void aRequestLineInTheTrailerSectionIsNeverAnswered() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "2\r\n{}\r\n0\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void aValidChunkedRequestIsAnsweredAndItsConnectionIsNotReused() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n" + NEXT);

        assertEquals(List.of(200), conversation.statuses(), conversation.text());
        assertTrue(conversation.text().contains("/bulk body=5"), conversation.text());
        assertTrue(conversation.text().contains("Connection: close"), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "-5", "5 5", "0x5", "5, 5", "5,6", "５", ""})
    void aContentLengthThatIsNotDigitsOnlyIs400AndClosesTheConnection(String length) throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\n"
                + "hello" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void twoDifferingContentLengthsAre400() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Content-Length: 6\r\n\r\nhello!" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void transferEncodingBesideContentLengthIs400() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void anHttp11RequestWithoutHostIs400() throws IOException {
        Conversation conversation = send("GET /8.8.8.8 HTTP/1.1\r\n\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertTrue(conversation.text().contains("refused: an HTTP/1.1 request needs a Host header"),
                conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void anHttp11RequestWithTwoHostsIs400() throws IOException {
        Conversation conversation = send("GET /8.8.8.8 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n" + NEXT);

        assertEquals(List.of(400), conversation.statuses(), conversation.text());
        assertTrue(conversation.text().contains("refused: a request may have only one Host header"),
                conversation.text());
        assertClosedAtOnce(conversation);
    }

    @Test
    void anHttp10RequestNeedsNoHost() throws IOException {
        Conversation conversation = send("GET /old HTTP/1.0\r\n\r\n");

        assertEquals(List.of(200), conversation.statuses(), conversation.text());
    }

    @Test
    void aValidLengthWithSpacesAroundItIsAnsweredAndTheConnectionKeptForTheNextRequest() throws IOException {
        Conversation conversation = send("POST /bulk HTTP/1.1\r\nHost: x\r\nContent-Length:  5 \r\n\r\nhello"
                + NEXT.replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));

        assertEquals(List.of(200, 200), conversation.statuses(), conversation.text());
        assertTrue(conversation.text().contains("/bulk body=5"), conversation.text());
        assertTrue(conversation.text().contains("/next body=0"), conversation.text());
    }

    @Test
    void aRefusedRequestWithABodyClosesItsConnectionWithoutReadingTheBodyAsARequest() throws IOException {
        HttpService refusing = HttpService.start("refusing-", new InetSocketAddress(InetAddress.getLoopbackAddress(),
                0), TestPipelines.handler(request -> Response.of(request.hasBody() ? 413 : 200, Response.TEXT, "no")));
        try {
            Conversation conversation = send(refusing.port(), "GET /x HTTP/1.1\r\nHost: x\r\nContent-Length: "
                    + NEXT.length() + "\r\n\r\n" + NEXT);

            assertEquals(List.of(413), conversation.statuses(), conversation.text());
            assertClosedAtOnce(conversation);
        } finally {
            refusing.close();
        }
    }

    private static void assertClosedAtOnce(Conversation conversation) {
        assertTrue(conversation.closedAfter().compareTo(Duration.ofSeconds(1)) < 0,
                "the connection stayed open for " + conversation.closedAfter());
    }

    private Conversation send(String request) throws IOException {
        return send(service.port(), request);
    }

    /** Sends the bytes and reads until the server closes the connection (at most 5 s). */
    private static Conversation send(int port, String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            long start = System.nanoTime();
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (SocketException serverHungUp) {
                // What it answered before hanging up is still there to read.
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException stillOpen) {
                // Reported as open for the whole wait.
            } catch (SocketException reset) {
                // A reset ends the conversation as well as a close.
            }
            Duration closedAfter = Duration.ofNanos(System.nanoTime() - start);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            List<Integer> statuses = new ArrayList<>();
            Matcher status = STATUS_LINE.matcher(text);
            while (status.find()) {
                statuses.add(Integer.parseInt(status.group(1)));
            }
            return new Conversation(statuses, text, closedAfter);
        }
    }
}
