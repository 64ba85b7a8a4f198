package geo.api.provider;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderFailuresTest {

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start(Map.of("PROVIDER_TIMEOUT", "PT0.5S"));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @ParameterizedTest(name = "provider {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "400|{\"message\":\"'8.8.8.8.x' is not a valid IP address.\"}|400|the provider does not accept 8.8.8.8",
            "401|{\"message\":\"Provided API key is not valid.\"}|502|rejected geo-api's API key",
            "403|{\"message\":\"Your subscription does not allow this.\"}|502|rejected geo-api's API key",
            "404|{\"message\":\"Provided IP address is not found.\"}|404|no location is known for 8.8.8.8",
            "423|{\"message\":\"'8.8.8.8' is a bogon IP address.\"}|422|8.8.8.8 is a bogon",
            "429|{\"message\":\"You have exceeded your limit.\"}|503|quota is used up",
            "500|{\"message\":\"Internal error\"}|502|the geolocation provider failed: it answered HTTP 500",
            "502|<html>Bad gateway</html>|502|it answered HTTP 502",
            "503|{\"message\":\"down for maintenance\"}|502|it answered HTTP 503",
            "200|this is not json|502|its answer was not valid JSON",
            "200|[1,2,3]|502|its answer was not a JSON object",
            "200|{}|502|its answer was not a JSON object",
    })
    void eachProviderAnswerBecomesTheRightStatusAndNothingIsCached(int providerStatus, String providerBody,
            int status, String message) {
        api.provider().answer(providerStatus, providerBody);

        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(status, json(response).get("status").asInt());
        assertTrue(json(response).get("error").asText().contains(message), response.body());
        assertFalse(response.headers().firstValue("X-Cache").isPresent());
        assertTheNextRequestAsksTheProviderAgain();
    }

    @Test
    void aQuotaErrorPassesOnTheProvidersRetryAfter() {
        api.provider().answer(new MockResponse.Builder().code(429).setHeader("Retry-After", "120")
                .body("{\"message\":\"quota\"}").build());

        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(503, response.statusCode());
        assertEquals("120", response.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aQuotaErrorWithoutRetryAfterSaysToRetryInAMinute() {
        api.provider().answer(429, "{\"message\":\"quota\"}");

        assertEquals("60", api.get("/8.8.8.8").headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void aProviderThatDoesNotAnswerInTimeIsA504WithinTheTimeout() {
        api.provider().delay(Duration.ofSeconds(5));

        long started = System.nanoTime();
        HttpResponse<String> response = api.get("/8.8.8.8");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(504, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("did not answer within 500 ms"), response.body());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "took " + took);
    }

    @Test
    void aProviderThatCannotBeReachedIsA502() {
        try (ApiFixture unreachable = ApiFixture.start(Map.of("IPGEOLOCATION_URL", "http://127.0.0.1:" + TestHttp.closedPort()))) {
            HttpResponse<String> response = unreachable.get("/8.8.8.8");

            assertEquals(502, response.statusCode());
            assertTrue(json(response).get("error").asText().contains("could not be reached"), response.body());
        }
    }

    @Test
    void anAnswerTooLargeToBeALocationIsA502() {
        api.provider().answer(200, "{\"ip\":\"" + "x".repeat(300_000) + "\"}");

        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(502, response.statusCode());
        assertTrue(json(response).get("error").asText().contains("larger than"), response.body());
    }

    private void assertTheNextRequestAsksTheProviderAgain() {
        api.provider().answerWithLocations();
        int before = api.provider().calls();

        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(200, response.statusCode());
        assertEquals("MISS", response.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(before + 1, api.provider().calls());
    }
}
