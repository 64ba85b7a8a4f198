package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import geo.common.testing.RedisServer;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@code POST /bulk}, over HTTP against a real geo-api with a real Redis. */
class BulkTest {

    @Test
    void answersInTheOrderAskedWithAnErrorObjectForEachBadAddress() {
        try (ApiFixture api = ApiFixture.start()) {
            HttpResponse<String> response = bulk(api, "{\"ips\": [\"8.8.8.8\", \"example.com\", \"10.0.0.1\", "
                    + "\"2001:4860:4860::8888\", \"8.8.8.8\"]}");

            assertEquals(200, response.statusCode());
            JsonNode answers = ApiFixture.json(response);
            assertEquals(5, answers.size());
            assertEquals("8.8.8.8", answers.get(0).path("ip").asText());
            assertEquals("Mountain View", answers.get(0).path("city").asText());
            assertEquals("example.com", answers.get(1).path("ip").asText());
            assertEquals(400, answers.get(1).path("status").asInt());
            assertEquals(422, answers.get(2).path("status").asInt());
            assertEquals("2001:4860:4860::8888", answers.get(3).path("ip").asText());
            assertEquals("8.8.8.8", answers.get(4).path("ip").asText());
            assertEquals("no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    @Test
    void sixToFourAndNat64FormsOfNonPublicAddressesAre422WithoutAProviderCall() {
        try (ApiFixture api = ApiFixture.start()) {
            HttpResponse<String> response = bulk(api, "{\"ips\": [\"2002:a00:1::1\", \"2002:c0a8:101::1\", "
                    + "\"2002:7f00:1::1\", \"2002::\", \"2002:0a00:0001::\", \"64:ff9b::10.0.0.1\"]}");

            assertEquals(200, response.statusCode());
            for (JsonNode answer : ApiFixture.json(response)) {
                assertEquals(422, answer.path("status").asInt(), answer.toString());
            }
            assertEquals(0, api.provider().calls());
        }
    }

    @Test
    void missesGoToTheProvidersBulkEndpointInOneCallAndAreCached() {
        try (ApiFixture api = ApiFixture.start()) {
            bulk(api, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\", \"9.9.9.9\"]}");

            assertEquals(1, api.provider().calls());
            assertEquals("/v2/ipgeo-bulk", api.provider().requests().getFirst().getUrl().encodedPath());
            assertTrue(ApiFixture.json(api.get("/1.1.1.1")).path("cached").asBoolean());
            assertEquals(1, api.provider().calls());
        }
    }

    @Test
    void hitsComeFromRedisInOneRoundTripAndOnlyMissesAreAsked() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture api = ApiFixture.start(Map.of("REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port()), "NEAR_CACHE_SIZE", "0"))) {
            api.get("/8.8.8.8");
            api.get("/1.1.1.1");
            redis.command("CONFIG RESETSTAT");

            JsonNode answers = ApiFixture.json(bulk(api, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\", \"9.9.9.9\"]}"));

            assertTrue(answers.get(0).path("cached").asBoolean());
            assertTrue(answers.get(1).path("cached").asBoolean());
            assertEquals(false, answers.get(2).path("cached").asBoolean());
            String stats = redis.command("INFO commandstats");
            assertTrue(stats.contains("cmdstat_mget:calls=1,"), stats);
            assertEquals(3, api.provider().calls(), "two single look-ups, then one for the miss");
        }
    }

    @Test
    void aKeyWithoutBulkLookUpsAsksEachAddressOnItsOwn() {
        try (ApiFixture api = ApiFixture.start()) {
            api.provider().refuseBulk();

            JsonNode answers = ApiFixture.json(bulk(api, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\", \"9.9.9.9\"]}"));

            assertEquals("9.9.9.9", answers.get(2).path("ip").asText());
            assertEquals("Mountain View", answers.get(2).path("city").asText());
            assertEquals(4, api.provider().calls(), "the refused bulk call, then one per address");
        }
    }

    @Test
    void whileIpgeolocationIsDownTheDatabaseAnswersEveryMiss() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "auto"))) {
            api.provider().answer(503, "{\"message\":\"down\"}");

            JsonNode answers = ApiFixture.json(bulk(api, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}"));

            assertEquals("US", answers.get(0).path("country_code2").asText());
            assertEquals(2, answers.size());
            assertTrue(answers.get(1).path("status").isMissingNode(), answers.toString());
        }
    }

    @Test
    void fieldSelectionAppliesToEveryElement() {
        try (ApiFixture api = ApiFixture.start()) {
            JsonNode answers = ApiFixture.json(bulk(api, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}", "?fields=city"));

            assertEquals(2, answers.get(0).size());
            assertEquals("Mountain View", answers.get(1).path("city").asText());
        }
    }

    @Test
    void badBodiesAreRefusedWithAClearMessage() {
        try (ApiFixture api = ApiFixture.start(Map.of("BULK_MAX", "3"))) {
            HttpResponse<String> notJson = bulk(api, "{\"ips\": [");
            HttpResponse<String> wrongShape = bulk(api, "{\"addresses\": [\"8.8.8.8\"]}");
            HttpResponse<String> notText = bulk(api, "{\"ips\": [8]}");
            HttpResponse<String> tooMany = bulk(api, "{\"ips\": [\"1.1.1.1\", \"1.0.0.1\", \"8.8.8.8\", \"8.8.4.4\"]}");
            HttpResponse<String> tooLarge = bulk(api, "{\"ips\": [\"" + "1".repeat(10_000) + "\"]}");

            assertEquals(400, notJson.statusCode());
            assertTrue(ApiFixture.json(notJson).path("error").asText().startsWith("the body is not JSON"));
            assertEquals(400, wrongShape.statusCode());
            assertEquals(400, notText.statusCode());
            assertEquals(413, tooMany.statusCode());
            assertEquals("at most 3 addresses per request, not 4", ApiFixture.json(tooMany).path("error").asText());
            assertEquals(413, tooLarge.statusCode());
            assertEquals(0, api.provider().calls());
        }
    }

    @Test
    void theRateLimitCountsEveryAddress() {
        try (ApiFixture api = ApiFixture.start(Map.of("RATE_LIMIT", "5"))) {
            String five = IntStream.range(1, 6).mapToObj(i -> "\"8.8.8." + i + "\"")
                    .collect(Collectors.joining(",", "{\"ips\": [", "]}"));

            assertEquals(200, bulk(api, five).statusCode());
            assertEquals(429, api.get("/8.8.8.8").statusCode());
        }
    }

    @Test
    void withTheDatabaseAloneEveryAddressIsAnsweredOffline() {
        try (ApiFixture offline = ApiFixture.start(Map.of("PROVIDER", "database"))) {
            JsonNode answers = ApiFixture.json(bulk(offline, "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}"));

            assertEquals("US", answers.get(0).path("country_code2").asText());
            assertEquals(2, answers.size());
            assertEquals(0, offline.provider().calls());
        }
    }

    private static HttpResponse<String> bulk(ApiFixture api, String body) {
        return bulk(api, body, "");
    }

    private static HttpResponse<String> bulk(ApiFixture api, String body, String query) {
        return TestHttp.sendWithBody(api.port(), "POST", "/bulk" + query, body);
    }
}
