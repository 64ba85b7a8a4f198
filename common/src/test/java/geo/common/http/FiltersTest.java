package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.TestHttp;
import geo.common.testing.TestPipelines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared filters, in a real server, each refusing or answering before the route as its rule says. */
class FiltersTest {

    private static final Response PREFLIGHT = Response.empty(204).withHeader("Access-Control-Max-Age", "60");

    private final AtomicInteger routeRuns = new AtomicInteger();
    private HttpService service;

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aPreflightOfAnyPathIsAnsweredWithoutItsRoute() {
        start(List.of(Filters.preflight(PREFLIGHT)), Response.of(200, Response.TEXT, "route"));

        HttpResponse<String> response = TestHttp.send(service.port(), "OPTIONS", "/any/path");

        assertEquals(204, response.statusCode());
        assertEquals("60", response.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        assertEquals(0, routeRuns.get());
    }

    @Test
    void aBodyIsRefusedWhereTheRouteTakesNoneAndTakenWhereItDoes() {
        start(List.of(Filters.bodyOnlyForPost()), Response.of(200, Response.TEXT, "route"));

        HttpResponse<String> get = TestHttp.sendWithBody(service.port(), "GET", "/thing", "some body");
        HttpResponse<String> post = TestHttp.sendWithBody(service.port(), "POST", "/thing", "some body");

        assertEquals(413, get.statusCode());
        assertEquals("no body here", get.body());
        assertEquals(200, post.statusCode());
        assertEquals(1, routeRuns.get());
    }

    @Test
    void aClientWhoseCopyIsStillGoodGetsA304WithTheTagAndNoBody() {
        start(List.of(Filters.conditionalGet()), Response.of(200, Response.TEXT, "tagged")
                .withHeader("ETag", "W/\"abc\""));

        HttpResponse<String> weak = TestHttp.send(service.port(), "GET", "/thing", "If-None-Match", "\"x\", W/\"abc\"");
        HttpResponse<String> any = TestHttp.send(service.port(), "GET", "/thing", "If-None-Match", "*");
        HttpResponse<String> other = TestHttp.send(service.port(), "GET", "/thing", "If-None-Match", "\"other\"");

        assertEquals(304, weak.statusCode());
        assertEquals("", weak.body());
        assertEquals("W/\"abc\"", weak.headers().firstValue("ETag").orElseThrow());
        assertTrue(weak.headers().firstValue("Content-Type").isEmpty());
        assertEquals(304, any.statusCode());
        assertEquals(200, other.statusCode());
        assertEquals("tagged", other.body());
    }

    @Test
    void filtersRunInTheirOrderAndTheFirstRefusalWins() {
        start(List.of(Filters.preflight(PREFLIGHT), Filters.bodyOnlyForPost()), Response.of(200, Response.TEXT, "r"));

        HttpResponse<String> preflightWithBody = TestHttp.sendWithBody(service.port(), "OPTIONS", "/x", "body");

        assertEquals(204, preflightWithBody.statusCode());
        assertEquals(0, routeRuns.get());
    }

    private void start(List<Filter> filters, Response answer) {
        service = HttpService.start("filters-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Exchanges.handler(TestPipelines.answering(request -> {
                    routeRuns.incrementAndGet();
                    return answer;
                }, filters), ExchangeObserver.none()));
    }
}
