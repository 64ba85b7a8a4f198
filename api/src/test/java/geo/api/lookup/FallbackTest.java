package geo.api.lookup;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.CapturedOutput;
import geo.common.testing.RedisServer;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PROVIDER=auto with a key: ipgeolocation.io first, the offline database when it fails. */
class FallbackTest {

    private static Map<String, String> auto(String... more) {
        Map<String, String> settings = new HashMap<>(Map.of("PROVIDER", "auto", "PROVIDER_TIMEOUT", "PT0.5S"));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    @Test
    void aHealthyProviderAnswers() {
        try (ApiFixture api = ApiFixture.start(auto())) {
            HttpResponse<String> response = api.get("/8.8.8.8");

            assertEquals(200, response.statusCode());
            assertEquals("ipgeolocation.io", response.headers().firstValue("X-Source").orElseThrow());
        }
    }

    @ParameterizedTest(name = "provider answers {0}")
    @ValueSource(ints = {500, 502, 503, 429, 403})
    void aFailingProviderIsReplacedByTheDatabase(int status) {
        try (ApiFixture api = ApiFixture.start(auto())) {
            api.provider().answer(status, "{\"message\":\"failing\"}");

            assertAnsweredFromTheDatabase(api.get("/8.8.8.8"));
        }
    }

    @Test
    void aProviderThatTimesOutIsReplacedByTheDatabase() {
        try (ApiFixture api = ApiFixture.start(auto())) {
            api.provider().delay(Duration.ofSeconds(3));

            assertAnsweredFromTheDatabase(api.get("/8.8.8.8"));
        }
    }

    @Test
    void aProviderThatRefusesConnectionsIsReplacedByTheDatabase() {
        try (ApiFixture api = ApiFixture.start(auto("IPGEOLOCATION_URL", "http://127.0.0.1:" + TestHttp.closedPort()))) {
            assertAnsweredFromTheDatabase(api.get("/8.8.8.8"));
        }
    }

    @Test
    void aRejectedKeyFallsBackAndIsLoggedOnceAsAConfigurationError() throws Exception {
        try (CapturedOutput output = CapturedOutput.start();
                ApiFixture api = ApiFixture.start(auto("API_KEY", "not-the-valid-key", "PROVIDER_RETRY", "PT0.05S"))) {
            for (String ip : new String[] {"8.8.8.8", "1.1.1.1", "9.9.9.9"}) {
                assertAnsweredFromTheDatabase(api.get("/" + ip));
                Thread.sleep(80);
            }

            assertTrue(api.provider().calls() >= 2, "the provider was probed again");
            assertEquals(1, output.linesContaining("event=config_error setting=API_KEY"), output.text());
            assertTrue(output.text().contains("ERROR"), output.text());
        }
    }

    @Test
    void duringAnOutageTheDatabaseAnswersAloneUntilTheRetryInterval() {
        try (ApiFixture api = ApiFixture.start(auto("PROVIDER_RETRY", "PT60S"))) {
            api.provider().answer(503, "{\"message\":\"down\"}");
            api.get("/8.8.8.8");

            for (String ip : new String[] {"1.1.1.1", "9.9.9.9", "8.8.4.4"}) {
                assertAnsweredFromTheDatabase(api.get("/" + ip));
            }

            assertEquals(1, api.provider().calls());
        }
    }

    @Test
    void whatTheProviderSaysAboutTheAddressIsNotOverruled() {
        try (ApiFixture api = ApiFixture.start(auto())) {
            api.provider().answer(404, "{\"message\":\"not found\"}");

            assertEquals(404, api.get("/8.8.8.8").statusCode());
        }
    }

    @Test
    void aFallbackAnswerIsCachedOnlyForTheFallbackTtl() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture api = ApiFixture.start(auto("REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port()), "FALLBACK_TTL", "PT30S", "CACHE_TTL", "P1D"))) {
            api.get("/1.1.1.1");
            api.provider().answer(503, "{\"message\":\"down\"}");
            api.get("/8.8.8.8");

            assertTrue(ttlMillis(redis, "1.1.1.1") > Duration.ofHours(23).toMillis());
            long fallbackTtl = ttlMillis(redis, "8.8.8.8");
            assertTrue(fallbackTtl > 0 && fallbackTtl <= 30_000, "PTTL " + fallbackTtl);
            HttpResponse<String> hit = api.get("/8.8.8.8");
            assertEquals("HIT", hit.headers().firstValue("X-Cache").orElseThrow());
            assertEquals("dbip-lite", hit.headers().firstValue("X-Source").orElseThrow());
            // The cache entry keeps the database's date with its source.
            assertEquals("2026-06-05", hit.headers().firstValue("X-Database-Date").orElseThrow());
            assertTrue(api.get("/1.1.1.1").headers().firstValue("X-Database-Date").isEmpty());
        }
    }

    @Test
    void theBetterAnswerReturnsWithTheProviderOnceTheFallbackTtlHasPassed() throws Exception {
        try (ApiFixture api = ApiFixture.start(auto("FALLBACK_TTL", "PT0.3S", "PROVIDER_RETRY", "PT0.3S"))) {
            api.provider().answer(503, "{\"message\":\"down\"}");
            assertAnsweredFromTheDatabase(api.get("/8.8.8.8"));
            api.provider().answerWithLocations();

            Thread.sleep(400);
            HttpResponse<String> response = api.get("/8.8.8.8");

            assertEquals("ipgeolocation.io", response.headers().firstValue("X-Source").orElseThrow());
            assertEquals("MISS", response.headers().firstValue("X-Cache").orElseThrow());
        }
    }

    private static void assertAnsweredFromTheDatabase(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("dbip-lite", response.headers().firstValue("X-Source").orElseThrow());
        assertTrue(json(response).has("country_code2"), response.body());
    }

    private static long ttlMillis(RedisServer redis, String ip) {
        return Long.parseLong(redis.command("PTTL geo:v2:ip:" + ip).substring(1));
    }
}
