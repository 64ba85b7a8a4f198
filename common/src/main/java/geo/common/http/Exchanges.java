package geo.common.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link Responder} into a JDK {@link HttpHandler}: the one place where answers are written. */
public final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);
    /** The length argument of {@code sendResponseHeaders} that means "no body follows". */
    private static final long NO_BODY = -1;

    private Exchanges() {
    }

    /**
     * A handler that answers with the responder's response; an unexpected exception is logged once, without the
     * request's query (it could hold a secret), and answered with {@code internalError}. The observer hears of every
     * answer once it is written.
     */
    public static HttpHandler handler(Responder responder, Response internalError, ExchangeObserver observer) {
        return handler(responder, internalError, observer, Map.of());
    }

    /**
     * The same, with {@code everyAnswer}'s headers on every answer, the internal error's too (such as CORS or
     * security headers): set as the answer is written, so that no answer is copied to carry them.
     */
    public static HttpHandler handler(Responder responder, Response internalError, ExchangeObserver observer,
            Map<String, String> everyAnswer) {
        Objects.requireNonNull(responder, "responder");
        Map<String, String> common = Map.copyOf(everyAnswer);
        Objects.requireNonNull(internalError, "internalError");
        Objects.requireNonNull(observer, "observer");
        return exchange -> {
            try (exchange) {
                long start = System.nanoTime();
                Request request = Request.from(exchange);
                Response response;
                try {
                    response = responder.respond(request);
                } catch (VirtualMachineError fatal) {
                    throw fatal;
                } catch (RuntimeException | Error e) {
                    // A bug or a broken dependency fails this request only, never the connection without an answer.
                    LOG.error("event=unexpected_error method={} path={} error={}", exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath(), e.toString());
                    response = internalError;
                }
                common.forEach(exchange.getResponseHeaders()::set);
                send(exchange, response);
                observe(observer, request, response, Duration.ofNanos(System.nanoTime() - start));
            }
        };
    }

    private static void observe(ExchangeObserver observer, Request request, Response response, Duration took) {
        try {
            observer.answered(request, response, took);
        } catch (RuntimeException e) {
            // Logging or counting must never break serving.
            LOG.warn("event=observer_error error={}", e.toString());
        }
    }

    /** Writes the response; for HEAD it sends the headers, with the length the body would have, and no body. */
    static void send(HttpExchange exchange, Response response) {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        try {
            if (body.length == 0) {
                exchange.sendResponseHeaders(response.status(), NO_BODY);
            } else if (exchange.getRequestMethod().equals("HEAD")) {
                headers.set("Content-Length", Integer.toString(body.length));
                exchange.sendResponseHeaders(response.status(), NO_BODY);
            } else {
                exchange.sendResponseHeaders(response.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
            LOG.debug("event=client_gone error={}", e.toString());
        }
    }
}
