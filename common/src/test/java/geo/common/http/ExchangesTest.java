package geo.common.http;

import geo.common.testing.TestPipelines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExchangesTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private HttpService service;

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void aResponseIsSentWithItsStatusHeadersAndBody() throws Exception {
        start(request -> Response.of(201, Response.TEXT, "made " + request.rawPath()).withHeader("X-Test", "yes"));

        HttpResponse<String> response = get("GET", "/thing");

        assertEquals(201, response.statusCode());
        assertEquals("made /thing", response.body());
        assertEquals("yes", response.headers().firstValue("X-Test").orElseThrow());
        assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void headGetsTheHeadersAndLengthOfGetWithoutTheBody() throws Exception {
        start(request -> Response.of(200, Response.TEXT, "twelve bytes"));

        HttpResponse<String> response = get("HEAD", "/");

        assertEquals(200, response.statusCode());
        assertEquals("12", response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void anUnexpectedExceptionBecomesTheInternalErrorWithoutItsStackTrace() throws Exception {
        start(request -> {
            throw new IllegalStateException("secret detail");
        });

        HttpResponse<String> response = get("GET", "/");

        assertEquals(500, response.statusCode());
        assertEquals("sorry", response.body());
        assertFalse(response.body().contains("secret detail"));
    }

    @Test
    void anErrorThatIsNotTheVirtualMachinesAlsoBecomesTheInternalError() throws Exception {
        start(request -> {
            throw new NoClassDefFoundError("a broken dependency");
        });

        HttpResponse<String> response = get("GET", "/");

        assertEquals(500, response.statusCode());
        assertEquals("sorry", response.body());
    }

    @Test
    void queryParametersAreDecodedAsFormsEncodeThem() throws Exception {
        start(request -> Response.of(200, Response.TEXT, request.queryParameter("ip").orElse("none")));

        assertEquals(" 8.8.8.8 ", get("GET", "/?ip=+8.8.8.8%20").body());
        assertEquals("", get("GET", "/?ip=").body());
        assertEquals("none", get("GET", "/?other=1").body());
    }

    @Test
    void theObserverHearsOfEveryAnswerEvenTheInternalError() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        start(request -> {
            if (request.rawPath().equals("/boom")) {
                throw new IllegalStateException("bug");
            }
            return Response.of(200, Response.TEXT, "fine");
        }, served -> heard.add(served.rawPath() + " " + served.status() + " " + served.route()
                + (served.took().isNegative() ? " negative" : "")));

        get("GET", "/fine");
        get("GET", "/boom");

        // The observer runs once the answer is written, so just after the client has it.
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (heard.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // Each is told just after its answer is sent, so the two may come in either order.
        assertEquals(2, heard.size());
        assertEquals(Set.of("/fine 200 /{a}", "/boom 500 /{a}"), Set.copyOf(heard));
    }

    @Test
    void aFailingObserverDoesNotCostTheAnswer() throws Exception {
        start(request -> Response.of(200, Response.TEXT, "fine"), served -> {
            throw new IllegalStateException("observer bug");
        });

        assertEquals("fine", get("GET", "/").body());
        assertEquals("fine", get("GET", "/").body());
    }

    private void start(Function<Request, Response> answer) {
        start(answer, ExchangeObserver.none());
    }

    private void start(Function<Request, Response> answer, ExchangeObserver observer) {
        service = HttpService.start("test-", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Exchanges.handler(TestPipelines.answering(answer), observer));
    }

    private HttpResponse<String> get(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
