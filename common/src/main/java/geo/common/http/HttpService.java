package geo.common.http;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A JDK HTTP server that runs each exchange on its own named virtual thread. */
public final class HttpService implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private HttpService(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
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
        server.setExecutor(executor);
        server.createContext("/", handler);
        server.start();
        return new HttpService(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting connections, lets exchanges in flight finish for up to {@code grace}, then stops. */
    public void stop(Duration grace) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
        server.stop(seconds);
        executor.shutdown();
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }
}
