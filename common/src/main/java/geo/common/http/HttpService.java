package geo.common.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JDK HTTP server that runs each exchange on its own named virtual thread, with bounds on what a client may send
 * and on how long it may take, and that sends what it writes at once (see {@link #SETTINGS}).
 */
public final class HttpService implements AutoCloseable {

    /**
     * The JDK server's settings, as its system properties: they apply to every server in the process and must be set
     * before the first one starts. Each can be overridden with {@code -D}, e.g. in {@code JAVA_TOOL_OPTIONS}.
     * <ul>
     *   <li>{@code maxReqHeaders}, {@code maxReqHeaderSize}: at most 100 header lines and 16 KiB of headers; more is
     *       answered 431 by the JDK;</li>
     *   <li>{@code maxReqTime}: a request's line and headers must arrive within 10 s, so that a client sending a byte
     *       a second cannot hold a connection;</li>
     *   <li>{@code maxRspTime}: an answer that does not fit in the connection's buffers must be taken within 30 s;
     *       </li>
     *   <li>{@code idleInterval}, {@code maxIdleConnections}, {@code clockTick}: a kept-alive connection is closed
     *       after 30 s idle, looked at every second (the JDK's default is every 10 s), and at most 256 are kept. A
     *       client that never reads an answer that did fit in the buffers holds an idle connection, so it too is cut
     *       off within 31 s;</li>
     *   <li>{@code drainAmount}: once answered, at most 1 byte of a request body that the handler did not read is
     *       skipped (the JDK's default is 64 KiB). The JDK reuses a connection only when the body was read to its
     *       end, so an unread body closes the connection at once, rather than being read, or waited for, when its
     *       framing is broken;</li>
     *   <li>{@code nodelay}: every connection with TCP_NODELAY. The JDK writes an answer's headers and a body larger
     *       than its buffer in two writes; without it, Nagle's algorithm held the body until the client acknowledged
     *       the headers, which a client with delayed acknowledgements (Linux, and browsers on it) does after 40 ms:
     *       every geo-frontend page on a kept-alive connection waited that long (BENCHMARKS.md).</li>
     * </ul>
     */
    public static final Map<String, String> SETTINGS = Map.of(
            "sun.net.httpserver.maxReqHeaders", "100",
            "sun.net.httpserver.maxReqHeaderSize", Integer.toString(16 * 1024),
            "sun.net.httpserver.maxReqTime", "10",
            "sun.net.httpserver.maxRspTime", "30",
            "sun.net.httpserver.idleInterval", "30",
            "sun.net.httpserver.clockTick", "1000",
            "sun.net.httpserver.maxIdleConnections", "256",
            "sun.net.httpserver.drainAmount", "1",
            "sun.net.httpserver.nodelay", "true");

    static {
        SETTINGS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
    }

    /** How often a stop looks whether the exchanges in flight have finished. */
    private static final long DRAIN_POLL_MILLIS = 10;

    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicInteger inFlight;

    private HttpService(HttpServer server, ExecutorService executor, AtomicInteger inFlight) {
        this.server = server;
        this.executor = executor;
        this.inFlight = inFlight;
    }

    /**
     * Binds and starts a server.
     *
     * @param name    prefix of the threads' names, e.g. {@code api-}
     * @param address where to listen; port 0 picks a free one
     * @param handler the handler of every request
     */
    public static HttpService start(String name, InetSocketAddress address, HttpHandler handler) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(handler, "handler");
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(name, 0).factory());
        AtomicInteger inFlight = new AtomicInteger();
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            inFlight.incrementAndGet();
            try {
                handler.handle(exchange);
            } finally {
                inFlight.decrementAndGet();
            }
        });
        server.start();
        return new HttpService(server, executor, inFlight);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Stops accepting connections, lets the exchanges in flight finish for up to {@code grace}, then closes every
     * connection. It returns as soon as they have finished: the JDK's own stop would also wait out the whole grace
     * period for a client that began a request and never finished it (a slow or vanished client, which the JDK cuts
     * off after {@code maxReqTime} but still waits for), so it only closes the listener, and a second stop without
     * delay ends it once this server's own count of exchanges is down to zero.
     */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
        Thread stopping = Thread.ofPlatform().name("http-stop").start(() -> server.stop(seconds));
        try {
            while (inFlight.get() > 0 && deadline - System.nanoTime() > 0) {
                TimeUnit.MILLISECONDS.sleep(DRAIN_POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.stop(0);
            joinQuietly(stopping);
            executor.shutdown();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
