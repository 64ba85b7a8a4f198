package geo.common.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns a {@link Responder} into a JDK {@link HttpHandler}: the one place where answers are written. */
public final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);
    /** The length argument of {@code sendResponseHeaders} that means "no body follows". */
    private static final long NO_BODY = -1;
    /** What a client is told of a failure of geo's own: nothing of its detail. */
    private static final String INTERNAL_ERROR = "something went wrong on our side; please try again in a moment";

    private Exchanges() {
    }

    /**
     * A handler that checks the request's framing (see {@link MessageFraming}), then answers with the responder's
     * response. A request whose framing is not valid is refused with {@code errorPage}'s 400 and no route runs; an
     * unexpected exception is logged once, without the request's query (it could hold a secret), and answered with
     * {@code errorPage}'s 500. The observer hears of every answer once it is written.
     */
    public static HttpHandler handler(Responder responder, ErrorPage errorPage, ExchangeObserver observer) {
        return handler(responder, errorPage, observer, Map.of());
    }

    /**
     * The same, with {@code everyAnswer}'s headers on every answer, the error page's too (such as CORS or security
     * headers): set as the answer is written, so that no answer is copied to carry them.
     */
    public static HttpHandler handler(Responder responder, ErrorPage errorPage, ExchangeObserver observer,
            Map<String, String> everyAnswer) {
        Objects.requireNonNull(responder, "responder");
        Objects.requireNonNull(errorPage, "errorPage");
        Objects.requireNonNull(observer, "observer");
        Map<String, String> common = Map.copyOf(everyAnswer);
        Response internalError = errorPage.of(500, INTERNAL_ERROR);
        return exchange -> {
            try (exchange) {
                long start = System.nanoTime();
                Request request = Request.from(exchange);
                Optional<String> badFraming = MessageFraming.problem(exchange.getProtocol(),
                        exchange.getRequestHeaders());
                Response response = badFraming.isPresent()
                        ? errorPage.of(400, badFraming.get())
                        : respond(responder, request, internalError);
                common.forEach(exchange.getResponseHeaders()::set);
                if (MessageFraming.mustClose(request, badFraming.isPresent(), response.status())) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                send(exchange, response);
                observe(observer, request, response, Duration.ofNanos(System.nanoTime() - start));
            }
        };
    }

    private static Response respond(Responder responder, Request request, Response internalError) {
        try {
            return responder.respond(request);
        } catch (VirtualMachineError fatal) {
            throw fatal;
        } catch (RuntimeException | Error e) {
            // A bug or a broken dependency fails this request only, never the connection without an answer.
            LOG.error("event=unexpected_error method={} path={} error={}", request.method(), request.rawPath(),
                    e.toString());
            return internalError;
        }
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
