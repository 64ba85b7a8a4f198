package geo.common.http;

import geo.common.testing.TestPipelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the server stops: requests in flight finish, nothing else holds it up, and the grace period bounds it. */
class HttpServiceStopTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private HttpService service;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (service != null) {
            service.close();
        }
        threads.shutdownNow();
    }

    @Test
    void aStopWithNothingInFlightIsOverAtOnceEvenWhenAnIdleClientHangsUpMeanwhile() throws Exception {
        start();
        try (Socket idle = connect()) {
            assertTrue(exchange(idle, "/").endsWith("fine"), "the keep-alive connection served a request");
            CompletableFuture<Duration> stopping = CompletableFuture.supplyAsync(this::timedStop, threads);
            Thread.sleep(200);
            idle.close();
            assertStoppedLongBeforeTheGraceEnded(stopping.get(GRACE.toSeconds() + 5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aRequestInFlightFinishesWhileNewConnectionsAreRefused() throws Exception {
        start();
        try (Socket client = connect()) {
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    return exchange(client, "/slow");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, threads);
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the slow request reached the handler");
            CompletableFuture<Duration> stopping = CompletableFuture.supplyAsync(this::timedStop, threads);
            Thread.sleep(300);
            assertThrows(ConnectException.class, this::connect, "a stopping server takes no new connection");
            release.countDown();

            assertTrue(answer.get(5, TimeUnit.SECONDS).endsWith("slow but fine"), "the request in flight was answered");
            assertStoppedLongBeforeTheGraceEnded(stopping.get(GRACE.toSeconds() + 5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aClientThatNeverFinishesItsRequestDoesNotHoldTheStop() throws Exception {
        start();
        try (Socket half = connect()) {
            half.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            half.getOutputStream().flush();
            Thread.sleep(200);
            assertStoppedLongBeforeTheGraceEnded(timedStop());
        }
    }

    @Test
    void aRequestThatNeverEndsHoldsTheStopForTheGracePeriodOnly() throws Exception {
        start();
        try (Socket client = connect()) {
            client.getOutputStream().write(request("/slow").getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            assertTrue(entered.await(5, TimeUnit.SECONDS), "the slow request reached the handler");
            long start = System.nanoTime();
            service.stop(Duration.ofSeconds(1));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofMillis(900)) > 0 && took.compareTo(Duration.ofSeconds(4)) < 0,
                    "the stop took " + took + " with a grace of 1 s");
        }
    }

    private void start() {
        service = HttpService.start("stop-test-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                TestPipelines.handler(request -> {
                    if (request.rawPath().equals("/slow")) {
                        entered.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return Response.of(200, Response.TEXT, "slow but fine");
                    }
                    return Response.of(200, Response.TEXT, "fine");
                }));
    }

    private Duration timedStop() {
        long start = System.nanoTime();
        service.stop(GRACE);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void assertStoppedLongBeforeTheGraceEnded(Duration took) {
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "the stop took " + took + " of its " + GRACE);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static String request(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n";
    }

    /** Sends one keep-alive request and reads its answer, whose body is short and has a Content-Length. */
    private static String exchange(Socket socket, String path) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request(path).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        int length = head.toString().lines()
                .filter(line -> line.toLowerCase().startsWith("content-length:"))
                .mapToInt(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElseThrow();
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        assertEquals(length, body.length());
        return head + body;
    }
}
