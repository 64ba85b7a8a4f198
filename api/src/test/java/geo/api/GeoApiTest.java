package geo.api;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeoApiTest {

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aFirstLookupAsksTheProviderAndAnswersWithIpgeolocationsFlatFields() {
        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("MISS", response.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("ipgeolocation.io", response.headers().firstValue("X-Source").orElseThrow());
        JsonNode body = json(response);
        assertEquals("8.8.8.8", body.get("ip").asText());
        assertEquals("Mountain View", body.get("city").asText());
        assertEquals("United States", body.get("country_name").asText());
        assertEquals("US", body.get("country_code2").asText());
        assertEquals("America/Los_Angeles", body.get("time_zone").get("name").asText());
        assertEquals("USD", body.get("currency").get("code").asText());
        assertFalse(body.get("cached").asBoolean());
        assertEquals(ApiFixture.HOST_NAME, body.get("apiServer").asText());
        assertEquals(1, api.provider().calls());
    }

    @Test
    void aSecondLookupIsServedFromTheCacheWithoutAskingTheProvider() {
        api.get("/8.8.8.8");

        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(200, response.statusCode());
        assertEquals("HIT", response.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("ipgeolocation.io", response.headers().firstValue("X-Source").orElseThrow());
        assertTrue(json(response).get("cached").asBoolean());
        assertEquals("Mountain View", json(response).get("city").asText());
        assertEquals(1, api.provider().calls());
    }

    @Test
    void theOriginalFrontendsPathAnswersTheSame() {
        HttpResponse<String> response = api.get("/ip/1.1.1.1");

        assertEquals(200, response.statusCode());
        assertEquals("1.1.1.1", json(response).get("ip").asText());
    }

    @ParameterizedTest
    @CsvSource({
            "2001:4860:4860:0:0:0:0:8888, 2001:4860:4860::8888",
            "2001:4860:4860:0000::8888, 2001:4860:4860::8888",
            "::ffff:8.8.8.8, 8.8.8.8",
    })
    void everySpellingOfAnAddressIsOneCacheEntryAskedForInCanonicalForm(String spelling, String canonical) {
        api.get("/" + canonical);

        HttpResponse<String> response = api.get("/" + spelling);

        assertEquals("HIT", response.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(1, api.provider().calls());
        assertEquals(canonical, api.provider().requests().getFirst().getUrl().queryParameter("ip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "localhost", "dns.google", "010.8.8.8", "8.8.8.8.8", "134744072",
            "fe80::1%25eth0", "bulks"})
    void textThatIsNotAnAddressIsA400WithoutAProviderCall(String text) {
        HttpResponse<String> response = api.get("/" + text);

        assertEquals(400, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(400, json(response).get("status").asInt());
        assertTrue(json(response).get("error").asText().contains("is not an IPv4 or IPv6 address"),
                response.body());
        assertEquals(0, api.provider().calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1", "192.168.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1", "192.0.2.1",
            "224.0.0.1", "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "2001:db8::1", "::",
            // 6to4, NAT64 and Teredo forms of non-public IPv4 addresses, in several spellings.
            "2002:a00:1::1", "2002:0a00:0001:0000:0000:0000:0000:0001", "2002:c0a8:101::1", "2002:7f00:1::1", "2002::",
            "64:ff9b::10.0.0.1", "64:ff9b::a00:1", "2001:0:a00:1::1", "::ffff:10.0.0.1"})
    void anAddressThatIsNotPublicIsA422WithoutAProviderCall(String address) {
        HttpResponse<String> response = api.get("/" + address);

        assertEquals(422, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("not a public one"), response.body());
        assertEquals(0, api.provider().calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::808:808", "2002:808:808::1", "2001:1::1", "2001:3::1", "2001:20::1", "192.0.0.9",
            "192.0.0.10"})
    void anAddressThatIanaMarksGloballyReachableIsLookedUp(String address) {
        HttpResponse<String> response = api.get("/" + address);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, api.provider().calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/8.8.8.8/city/", "/a/b/c", "/ip/8.8.8.8/extra", "/ip/ip/8.8.8.8"})
    void aPathThatIsNoRouteIsA404(String path) {
        HttpResponse<String> response = api.get(path);

        assertEquals(404, response.statusCode());
        assertEquals(404, json(response).get("status").asInt());
        assertTrue(json(response).get("error").asText().startsWith("no such route"), response.body());
        assertEquals(0, api.provider().calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "TRACE"})
    void methodsOtherThanGetAndHeadAreA405(String method) {
        HttpResponse<String> response = api.send(method, "/8.8.8.8");

        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        assertEquals(0, api.provider().calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "HEAD", "PUT"})
    void bulkTakesOnlyPostAndOtherMethodsAreA405ThatSaysSo(String method) {
        HttpResponse<String> response = api.send(method, "/bulk");

        assertEquals(405, response.statusCode());
        assertEquals("POST, OPTIONS", response.headers().firstValue("Allow").orElseThrow());
        if (!method.equals("HEAD")) {
            assertEquals("only POST and OPTIONS are allowed here", json(response).get("error").asText());
        }
        assertEquals(0, api.provider().calls());
    }

    @Test
    void headAnswersTheHeadersOfGetWithoutABody() {
        api.get("/8.8.8.8");
        int hitLength = api.get("/8.8.8.8").body().getBytes(StandardCharsets.UTF_8).length;

        HttpResponse<String> response = api.send("HEAD", "/8.8.8.8");

        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
        assertEquals("HIT", response.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(hitLength, Integer.parseInt(response.headers().firstValue("Content-Length").orElseThrow()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/status"})
    void healthAndTheOriginalsStatusPathAreUp(String path) {
        HttpResponse<String> response = api.get(path);

        assertEquals(200, response.statusCode());
        assertEquals("UP", json(response).get("status").asText());
    }

    @Test
    void theRootLooksUpTheCallerAsATrustedProxyForwardsIt() {
        HttpResponse<String> response = api.get("/", "X-Forwarded-For", "9.9.9.9, 10.0.0.3");

        assertEquals(200, response.statusCode());
        assertEquals("9.9.9.9", json(response).get("ip").asText());
    }

    @Test
    void theRootWithoutForwardingLooksUpTheLoopbackCallerWhichIsNotPublic() {
        HttpResponse<String> response = api.get("/");

        assertEquals(422, response.statusCode());
        assertTrue(json(response).get("error").asText().startsWith("127.0.0.1 is a loopback address"));
    }

    @Test
    void forwardingFromAPeerThatIsNotATrustedProxyIsIgnored() {
        try (ApiFixture strict = ApiFixture.start(Map.of("TRUSTED_PROXIES", "10.0.0.0/8"))) {
            HttpResponse<String> response = strict.get("/", "X-Forwarded-For", "9.9.9.9");

            assertEquals(422, response.statusCode());
            assertEquals(0, strict.provider().calls());
        }
    }

    @Test
    void fieldsTheProviderNamesLikeOursAreReplacedByOurs() {
        api.provider().answer(200, "{\"ip\":\"8.8.8.8\",\"cached\":\"yes\",\"apiServer\":\"evil\"}");

        JsonNode body = json(api.get("/8.8.8.8"));

        assertFalse(body.get("cached").asBoolean());
        assertEquals(ApiFixture.HOST_NAME, body.get("apiServer").asText());
        assertEquals(3, body.size());
    }
}
