package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.http.HttpService;
import geo.common.testing.RawHttp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Over a thousand generated malformed requests against a real geo-api and geo-frontend. Every request that reaches
 * geo's code is answered with a 4xx and geo's own error (JSON from the api, an HTML page from the frontend); none
 * reaches ipgeolocation.io; both stay healthy.
 *
 * <p>Some requests are not HTTP at all (a space or a control character in the request line, a bad percent escape),
 * and the JDK's HTTP parser refuses them before any handler runs, with its own 400 or by closing the connection. A
 * bare JDK server (the control) tells which: such a request must get the same refusal from geo, never a 2xx or 5xx.
 */
class HostileInputTest {

    private static final int REQUESTS_PER_SERVICE = 600;
    private static final long SEED = 20261125L;

    private static FrontendFixture site;
    private static HttpService control;

    @BeforeAll
    static void start() {
        site = FrontendFixture.start();
        control = HttpService.start("control-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                exchange -> {
                    // A bare JDK handler: whatever reaches it passed the JDK's parser.
                    try (exchange) {
                        exchange.sendResponseHeaders(200, -1);
                    }
                });
    }

    @AfterAll
    static void stop() {
        control.close();
        site.close();
    }

    @Test
    void theApiAnswersEveryMalformedRequestWithA4xxJsonError() {
        List<HostileRequests.Hostile> requests = new HostileRequests(SEED).forApi(REQUESTS_PER_SERVICE);
        int callsBefore = site.api().provider().calls();

        List<String> wrong = check(requests, site.api().port(),
                answer -> answer.contentType().equals("application/json") && answer.body().startsWith("{\"status\":4"));

        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, e.g. " + wrong.subList(0, Math.min(10,
                wrong.size())));
        assertEquals(callsBefore, site.api().provider().calls(), "calls to ipgeolocation.io");
        assertStillServing();
    }

    @Test
    void theFrontendAnswersEveryMalformedRequestWithA4xxHtmlPage() {
        List<HostileRequests.Hostile> requests = new HostileRequests(SEED + 1).forFrontend(REQUESTS_PER_SERVICE);
        int callsBefore = site.api().provider().calls();

        List<String> wrong = check(requests, site.port(),
                answer -> answer.contentType().equals("text/html; charset=utf-8")
                        && (answer.body().startsWith("<!doctype html>") || answer.body().isEmpty()));

        assertTrue(wrong.isEmpty(), wrong.size() + " wrong answers, e.g. " + wrong.subList(0, Math.min(10,
                wrong.size())));
        assertEquals(callsBefore, site.api().provider().calls(), "calls to ipgeolocation.io");
        assertStillServing();
    }

    /** Sends each request to the service and to the control; returns a line for each answer that is wrong. */
    private static List<String> check(List<HostileRequests.Hostile> requests, int port,
            Predicate<RawHttp.Answer> isOwnError) {
        List<String> wrong = new ArrayList<>();
        int refusedByParser = 0;
        for (HostileRequests.Hostile request : requests) {
            RawHttp.Answer answer = RawHttp.send(port, request.method(), request.target());
            RawHttp.Answer parser = RawHttp.send(control.port(), request.method(), request.target());
            boolean reachesHandlers = parser.status() == 200;
            boolean fourXx = answer.status() >= 400 && answer.status() < 500;
            if (reachesHandlers && !(fourXx && isOwnError.test(answer))) {
                wrong.add(request + " -> " + answer.status() + " " + answer.contentType());
            } else if (!reachesHandlers) {
                refusedByParser++;
                if (!(fourXx || answer.hungUp()) || answer.status() != parser.status()) {
                    wrong.add(request + " -> " + answer.status() + ", the JDK's parser alone: " + parser.status());
                }
            }
        }
        System.out.printf("hostile input: %d requests, %d refused by the JDK's HTTP parser, %d answered by geo%n",
                requests.size(), refusedByParser, requests.size() - refusedByParser);
        assertTrue(requests.size() - refusedByParser >= requests.size() / 2,
                "most requests must reach geo's code; the parser refused " + refusedByParser);
        return wrong;
    }

    private static void assertStillServing() {
        assertEquals(200, site.api().get("/health").statusCode());
        assertEquals(200, site.get("/health").statusCode());
        assertEquals(200, site.get("/?ip=1.1.1.1").statusCode());
    }
}
