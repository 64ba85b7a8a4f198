package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.TestPipelines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Answers larger than the JDK server's buffer, one after another on a kept-alive connection, as a browser asks for
 * pages: each comes as soon as it is made. Without TCP_NODELAY (see {@link HttpService#SETTINGS}) Nagle's algorithm held each body
 * until the client's delayed acknowledgement of the headers, 40 ms on Linux.
 */
class KeptAliveAnswersTest {

    private static final int BODY_BYTES = 48 * 1024;
    private static final String BODY = "x".repeat(BODY_BYTES);
    private static final int REQUESTS = 24;
    /** Linux acknowledges at once at first on a new connection: the stall began after 6 to 9 exchanges. */
    private static final int LATER = 10;
    private static final Duration THINKING = Duration.ofMillis(3);

    private HttpService service;

    @BeforeEach
    void start() {
        service = HttpService.start("test-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPipelines.handler(request -> page()));
    }

    /** A page that takes a moment to make, as geo-frontend's do while they ask geo-api. */
    private static Response page() {
        try {
            Thread.sleep(THINKING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Response.of(200, Response.TEXT, BODY);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void largeAnswersOnAKeptAliveConnectionComeWithoutADelayedAcknowledgementsWait() throws Exception {
        List<Long> millis = new ArrayList<>();
        // One client, so one kept-alive connection, as a browser has.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI page = URI.create("http://127.0.0.1:" + service.port() + "/");
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(page).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(BODY_BYTES, answer.body().length);
        }
        // With the stall each of the later exchanges took 48-52 ms; without it 4-8.
        long[] later = millis.subList(REQUESTS - LATER, REQUESTS).stream().mapToLong(Long::longValue).sorted()
                .toArray();
        long median = later[later.length / 2];
        assertTrue(median < 25, "median " + median + " ms per answer on a kept-alive connection: " + millis);
    }
}
