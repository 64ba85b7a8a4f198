package geo.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = RouteTable.of(List.of(
            RouteTable.get("/", (request, path) -> text("root")),
            RouteTable.get("/{ip}", (request, path) -> text("ip " + path.get("ip"))),
            RouteTable.get("/{ip}/{field}", (request, path) -> text(path.get("ip") + " " + path.get("field"))),
            RouteTable.get("/ip/{ip}", (request, path) -> text("original " + path.get("ip"))),
            RouteTable.get("/health", (request, path) -> text("up")),
            RouteTable.post("/bulk", (request, path) -> text("bulk"))));

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
    void aPathWithoutARouteForTheMethodListsTheMethodsThereAre() {
        Request post = request("POST", "/8.8.8.8");
        Request get = request("GET", "/bulk");

        assertTrue(table.match(post).isEmpty());
        assertEquals(Set.of("GET", "HEAD"), table.methodsAt(post));
        assertEquals("ip bulk", answer("GET", "/bulk"));
        assertEquals(Set.of("GET", "HEAD", "POST"), table.methodsAt(get));
        assertTrue(table.methodsAt(request("GET", "/a/b/c")).isEmpty());
    }

    private String answer(String method, String path) {
        Request request = request(method, path);
        RouteTable.Match match = table.match(request).orElseThrow();
        return new String(match.route().handler().handle(request, match.path()).body());
    }

    private static Request request(String method, String path) {
        return new Request(method, path, "", new Headers(), InetAddress.getLoopbackAddress());
    }

    private static Response text(String body) {
        return Response.of(200, Response.TEXT, body);
    }
}
