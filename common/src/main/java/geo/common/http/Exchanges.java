package geo.common.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a {@link Pipeline} as a JDK {@link HttpHandler}: the one place where answers are written. */
public final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);
    /** The length argument of {@code sendResponseHeaders} that means "no body follows". */
    private static final long NO_BODY = -1;

    private Exchanges() {
    }

    /**
     * A handler that checks each request's framing (see {@link MessageFraming}), then answers it through the
     * pipeline. A request whose framing is not valid is refused ({@link Refusal.BadFraming}) and no filter or route
     * runs. The pipeline's every-answer headers go on every answer, set as it is written, so that no answer is copied
     * to carry them. The observer hears of every answer once it is written.
     */
    public static HttpHandler handler(Pipeline pipeline, ExchangeObserver observer) {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(observer, "observer");
        return exchange -> {
            try (exchange) {
                long start = System.nanoTime();
                Request request = Request.from(exchange);
                Exchange matched = pipeline.exchange(request);
                Optional<String> badFraming = MessageFraming.problem(exchange.getProtocol(), request);
                Response response = badFraming.isPresent()
                        ? pipeline.refused(new Refusal.BadFraming(badFraming.get()))
                        : pipeline.answer(matched);
                pipeline.everyAnswer().forEach(exchange.getResponseHeaders()::set);
                if (MessageFraming.mustClose(request, badFraming.isPresent(), response.status())) {
                    exchange.getResponseHeaders().set("Connection", "close");
                }
                send(exchange, response);
                observe(observer, new Served(request.method(), request.rawPath(), matched.route(),
                        matched.client(), response.status(), response.provenance(),
                        Duration.ofNanos(System.nanoTime() - start)));
            }
        };
    }

    private static void observe(ExchangeObserver observer, Served served) {
        try {
            observer.served(served);
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
