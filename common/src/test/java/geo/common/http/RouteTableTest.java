package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.Headers;
import geo.common.net.IpAddress;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(List.of(
            RouteTable.get("/", exchange -> text("root")),
            RouteTable.get("/{ip}", exchange -> text("ip " + exchange.path("ip"))),
            RouteTable.get("/{ip}/{field}", exchange -> text(exchange.path("ip") + " " + exchange.path("field"))),
            RouteTable.get("/ip/{ip}", exchange -> text("original " + exchange.path("ip"))),
            RouteTable.get("/health", exchange -> text("up")),
            RouteTable.post("/bulk", exchange -> text("bulk"))));

    @Test
    void literalSegmentsWinOverNamedOnes() {
        assertEquals("root", answer("GET", "/"));
        assertEquals("up", answer("GET", "/health"));
        assertEquals("ip 8.8.8.8", answer("GET", "/8.8.8.8"));
        assertEquals("original 8.8.8.8", answer("GET", "/ip/8.8.8.8"));
        assertEquals("8.8.8.8 city", answer("GET", "/8.8.8.8/city"));
    }

    @Test
    void namedSegmentsAreDecodedAndHeadFollowsGet() {
        assertEquals("ip a/b", answer("HEAD", "/a%2Fb"));
    }

    @Test
    void aPathWhoseMostSpecificRoutesTakeOtherMethodsIsRefusedWithTheirs() {
        assertEquals(new RouteTable.Routing.WrongMethod(List.of("GET", "HEAD")), routing("POST", "/8.8.8.8"));
        // /bulk is POST only: a GET is not handed to /{ip} as the address "bulk".
        assertEquals(new RouteTable.Routing.WrongMethod(List.of("POST")), routing("GET", "/bulk"));
        assertEquals(new RouteTable.Routing.NoRoute(), routing("GET", "/a/b/c"));
    }

    @Test
    void anExchangeIsNamedByItsTemplateOrOther() {
        assertEquals("/{ip}", exchange("GET", "/8.8.8.8").route());
        assertEquals("other", exchange("POST", "/8.8.8.8").route());
        assertEquals("other", exchange("GET", "/a/b/c").route());
    }

    private String answer(String method, String path) {
        Exchange exchange = exchange(method, path);
        RouteTable.Routing.Matched matched = (RouteTable.Routing.Matched) exchange.routing();
        return new String(((Response) matched.route().handler().handle(exchange)).body());
    }

    private RouteTable.Routing routing(String method, String path) {
        return table.route(request(method, path));
    }

    private Exchange exchange(String method, String path) {
        Request request = request(method, path);
        return new Exchange(request, table.route(request), IpAddress.of(request.remoteAddress()));
    }

    private static Request request(String method, String path) {
        return new Request(method, path, "", new Headers(), InetAddress.getLoopbackAddress());
    }

    private static Response text(String body) {
        return Response.of(200, Response.TEXT, body);
    }
}
