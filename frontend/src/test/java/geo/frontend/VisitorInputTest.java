package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.net.IpAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whatever a visitor types reaches geo-api only as an address look-up ({@code GET /ip/<address>}, or an address in a
 * {@code POST /bulk} body), or is refused with 400 before geo-api is asked: no input names geo-api's other routes.
 */
class VisitorInputTest {

    private static RecordingApi api;
    private static GeoFrontend site;

    @BeforeAll
    static void start() {
        api = RecordingApi.start();
        site = FrontendFixture.startFrontend(Map.of("API_SERVER_PORT", Integer.toString(api.port())));
    }

    @AfterAll
    static void stop() {
        site.close();
        api.close();
    }

    @BeforeEach
    void forget() {
        api.forget();
    }

    @ParameterizedTest
    @ValueSource(strings = {"health", "ready", "metrics", "ip", "status", "openapi.json", "bulk", "../health",
            "..", ".", "8.8.8.8/../../status", "8.8.8.8/city", "ip/8.8.8.8", "%2e%2e", "8.8.8.8?fields=city",
            "8.8.8.8#x", "/8.8.8.8", "example.com", "134744072", "fe80::1%eth0", "８.８.８.８"})
    void textThatIsNotAnAddressIsRefusedOnEveryRouteBeforeGeoApiIsAsked(String typed) {
        String query = URLEncoder.encode(typed, StandardCharsets.UTF_8);
        for (String path : List.of("/?ip=" + query, "/ip/" + query.replace("+", "%20"), "/json?ip=" + query,
                "/?ips=" + query)) {
            HttpResponse<String> answer = FrontendFixture.send(site.port(), "GET", path);

            assertEquals(400, answer.statusCode(), path + ": " + answer.body());
            assertTrue(answer.body().contains("is not an IPv4 or IPv6 address"), path + ": " + answer.body());
        }
        assertEquals(List.of(), api.asked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", " 8.8.8.8 ", "2001:4860:4860:0:0:0:0:8888", "::ffff:8.8.8.8", "2001:DB8::1"})
    void anAddressIsAskedOnlyAsALookUpOfItsCanonicalForm(String typed) {
        String canonical = IpAddress.parse(typed.strip()).orElseThrow().canonical();
        String query = URLEncoder.encode(typed, StandardCharsets.UTF_8);

        for (String path : List.of("/?ip=" + query, "/ip/" + query.replace("+", "%20"), "/json?ip=" + query)) {
            assertEquals(200, FrontendFixture.send(site.port(), "GET", path).statusCode(), path);
        }

        assertEquals(List.of(new RecordingApi.Asked("GET", "/ip/" + canonical, ""),
                new RecordingApi.Asked("GET", "/ip/" + canonical, ""),
                new RecordingApi.Asked("GET", "/ip/" + canonical, "")), api.asked());
    }

    @Test
    void withoutAnAddressTheVisitorIsLookedUpAtTheRootOfGeoApi() {
        assertEquals(200, FrontendFixture.send(site.port(), "GET", "/").statusCode());
        assertEquals(200, FrontendFixture.send(site.port(), "GET", "/json").statusCode());

        assertEquals(List.of(new RecordingApi.Asked("GET", "/", ""), new RecordingApi.Asked("GET", "/", "")),
                api.asked());
    }

    @Test
    void severalAddressesSendOnlyTheAddressesToBulkAndShowTheRestAsRefused() {
        HttpResponse<String> page = FrontendFixture.send(site.port(), "GET", "/?ips="
                + URLEncoder.encode("8.8.8.8\nready\n../metrics\n2001:4860:4860:0:0:0:0:8888", StandardCharsets.UTF_8));

        assertEquals(200, page.statusCode());
        assertEquals(List.of(new RecordingApi.Asked("POST", "/bulk",
                "{\"ips\":[\"8.8.8.8\",\"2001:4860:4860::8888\"]}")), api.asked());
        assertTrue(page.body().contains("<tr data-ip=\"ready\"><th scope=\"row\">ready</th><td colspan=\"3\" "
                + "class=\"row-problem\">&#39;ready&#39; is not an IPv4 or IPv6 address</td></tr>"), page.body());
        assertTrue(page.body().contains("<tr data-ip=\"2001:4860:4860:0:0:0:0:8888\"><th scope=\"row\">"
                + "<a href=\"/?ip=2001%3A4860%3A4860%3A%3A8888\">"), page.body());
    }
}
