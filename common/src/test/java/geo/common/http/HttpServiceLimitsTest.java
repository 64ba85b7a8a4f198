package geo.common.http;

import geo.common.testing.TestPipelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's bounds on hostile clients, over raw sockets. This module's tests run with
 * {@code sun.net.httpserver.maxReqTime=2} (see its pom) so that the slow client is cut off in 2 s rather than 10.
 */
class HttpServiceLimitsTest {

    private HttpService service;

    @BeforeEach
    void start() {
        service = HttpService.start("test-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPipelines.handler(request -> Response.of(200, Response.TEXT, "fine")));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aClientSendingItsHeadersOneByteASecondIsCutOff() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] request = "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaa\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            boolean cutOff = false;
            for (byte b : request) {
                try {
                    out.write(b);
                    out.flush();
                } catch (SocketException e) {
                    cutOff = true;
                    break;
                }
                if (socket.getInputStream().available() > 0 || closedByPeer(socket)) {
                    cutOff = true;
                    break;
                }
                Thread.sleep(1000);
                if (Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(8)) > 0) {
                    break;
                }
            }
            Duration held = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(cutOff, "the slow client was still connected after " + held);
            assertTrue(held.compareTo(Duration.ofSeconds(6)) < 0, "held for " + held);
        }
        assertEquals("fine", get("/"), "the server still serves others");
    }

    @Test
    void tooManyHeaderLinesAreRefused() throws Exception {
        StringBuilder request = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n");
        for (int i = 0; i < 150; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        String answer = exchange(request.append("\r\n").toString());

        assertRefused(answer);
    }

    @Test
    void hugeHeadersAreRefused() throws Exception {
        String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: "
                + "a".repeat(64 * 1024) + "\r\n\r\n");

        assertRefused(answer);
    }

    @Test
    void aHugeRequestLineIsRefused() throws Exception {
        String answer = exchange("GET /" + "a".repeat(1024 * 1024)
                + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertRefused(answer);
    }

    /** The JDK server refuses by closing the connection (or with a 4xx), and goes on serving everyone else. */
    private void assertRefused(String answer) throws IOException {
        assertTrue(answer.isEmpty() || answer.startsWith("HTTP/1.1 4"), answer);
        assertEquals("fine", get("/"), "the server still serves others");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static boolean closedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    private String get(String path) throws IOException {
        String answer = exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    /** Sends the bytes and reads the answer's start; a server that hangs up without one gives "". */
    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (SocketException serverHungUp) {
                // It may refuse before reading everything; its answer, if any, is still there to read.
            }
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(4096);
            return new String(answer, StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            return "";
        }
    }
}
