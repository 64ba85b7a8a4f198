package geo.common.http;

import geo.common.testing.TestPipelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that ask and never read the answer are cut off: one whose answer is too large for the connection's buffers
 * after {@code maxRspTime}, one whose answer fit after {@code idleInterval}, each checked every second. This test
 * runs in a JVM of its own with both limits at 2 s (see the module's pom), where geo runs with 30 s.
 */
class SlowClientsTest {

    private static final Duration LIMIT = Duration.ofSeconds(Long.getLong("sun.net.httpserver.maxRspTime", 30));
    /** Larger than any socket buffers on loopback, so that the server's write blocks until the client reads. */
    private static final byte[] LARGE = new byte[16 * 1024 * 1024];
    private static final int CLIENTS = 20;

    private HttpService service;

    @BeforeEach
    void start() {
        assertEquals(Duration.ofSeconds(Long.getLong("sun.net.httpserver.idleInterval", 30)), LIMIT);
        service = HttpService.start("slow-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPipelines.handler(request -> request.rawPath().equals("/large")
                        ? Response.of(200, "application/octet-stream", LARGE)
                        : Response.of(200, Response.TEXT, "small")));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void clientsThatNeverReadALargeAnswerAreCutOffAfterTheResponseTime() throws Exception {
        List<Socket> clients = ask("/large");
        try {
            Thread.sleep(LIMIT.plusMillis(2_000).toMillis());

            for (Socket client : clients) {
                long received = readUntilClosed(client, Duration.ofMillis(300));
                assertTrue(received >= 0, "still connected after " + LIMIT.plusMillis(2_000));
                assertTrue(received < LARGE.length, "the whole answer came: it was not cut off");
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void clientsThatNeverReadASmallAnswerAreCutOffAfterTheIdleTime() throws Exception {
        List<Socket> clients = ask("/small");
        try {
            Thread.sleep(LIMIT.plusMillis(2_000).toMillis());

            for (Socket client : clients) {
                assertTrue(readUntilClosed(client, Duration.ofMillis(300)) > 0,
                        "still connected after " + LIMIT.plusMillis(2_000));
            }
        } finally {
            closeAll(clients);
        }
    }

    @Test
    void untilTheLimitTheirConnectionsAreLeftAlone() throws Exception {
        List<Socket> clients = ask("/small");
        try {
            Thread.sleep(LIMIT.minusMillis(1_000).toMillis());

            for (Socket client : clients) {
                assertEquals(-1, readUntilClosed(client, Duration.ofMillis(20)), "closed before the limit");
            }
        } finally {
            closeAll(clients);
        }
    }

    private List<Socket> ask(String path) throws IOException {
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port());
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            clients.add(socket);
        }
        return clients;
    }

    /**
     * Reads what was sent; its length when the server has closed the connection, -1 when it is still open (nothing
     * more came for {@code quiet}).
     */
    private static long readUntilClosed(Socket client, Duration quiet) throws IOException {
        client.setSoTimeout(Math.toIntExact(quiet.toMillis()));
        InputStream in = client.getInputStream();
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received += n;
            }
            return received;
        } catch (SocketTimeoutException stillOpen) {
            return -1;
        } catch (SocketException reset) {
            return received;
        }
    }

    private static void closeAll(List<Socket> clients) throws IOException {
        for (Socket client : clients) {
            client.close();
        }
    }
}
