package geo.api.lookup;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.CapturedOutput;
import geo.common.testing.RedisServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisCachingTest {

    private RedisServer redis;
    private ApiFixture replica1;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        replica1 = ApiFixture.start(redisSettings("api-replica-1"));
    }

    @AfterEach
    void stop() {
        replica1.close();
        redis.close();
    }

    @Test
    void oneLookupServesEveryReplicaThroughTheSharedRedis() {
        try (ApiFixture replica2 = ApiFixture.replica(replica1.provider(), redisSettings("api-replica-2"))) {
            HttpResponse<String> first = replica1.get("/8.8.8.8");
            HttpResponse<String> second = replica2.get("/8.8.8.8");

            assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
            assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
            assertEquals("api-replica-2", json(second).get("apiServer").asText());
            assertEquals("Mountain View", json(second).get("city").asText());
            assertEquals(1, replica1.provider().calls());
        }
    }

    @Test
    void aLocationIsStoredInRedisForTheCacheTtl() {
        try (ApiFixture shortLived = ApiFixture.replica(replica1.provider(),
                Map.of("REDIS_HOST", redis.host(), "REDIS_PORT", Integer.toString(redis.port()),
                        "CACHE_TTL", "PT90S", "NEAR_CACHE_SIZE", "0"))) {
            shortLived.get("/8.8.4.4");

            long ttlMillis = Long.parseLong(redis.command("PTTL geo:v2:ip:8.8.4.4").substring(1));
            assertTrue(ttlMillis > 80_000 && ttlMillis <= 90_000, "PTTL " + ttlMillis);
        }
    }

    @Test
    void whenRedisDiesTheApiKeepsAnsweringThroughTheProviderAndLogsTheOutageOnce() {
        try (CapturedOutput output = CapturedOutput.start()) {
            replica1.get("/8.8.8.8");
            redis.kill();

            for (int i = 0; i < 10; i++) {
                HttpResponse<String> response = replica1.get("/8.8.8.8");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("MISS", response.headers().firstValue("X-Cache").orElseThrow());
            }

            assertEquals(1, output.linesContaining("event=redis_down"), output.text());
        }
    }

    @Test
    void whenRedisComesBackTheApiUsesItAgainByItself() throws Exception {
        replica1.get("/8.8.8.8");
        redis.kill();
        assertEquals(200, replica1.get("/8.8.8.8").statusCode());

        redis.restart();
        Thread.sleep(1_100);
        HttpResponse<String> refill = replica1.get("/8.8.8.8");
        HttpResponse<String> hit = replica1.get("/8.8.8.8");

        assertEquals("MISS", refill.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", hit.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(":1", redis.command("EXISTS geo:v2:ip:8.8.8.8"));
    }

    @Test
    void aSlowRedisCostsAtMostItsTimeoutAndNeverAnError() throws Exception {
        replica1.get("/8.8.8.8");
        Thread sleeper = Thread.ofVirtual().start(() -> redis.command("DEBUG SLEEP 3"));
        Thread.sleep(100);

        long started = System.nanoTime();
        HttpResponse<String> response = replica1.get("/8.8.8.8");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(200, response.statusCode());
        assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "took " + took);
        sleeper.join();
    }

    @Test
    void withTheNearCacheAReplicaServesItsRecentAddressesWithoutRedis() {
        try (ApiFixture near = ApiFixture.replica(replica1.provider(), Map.of("REDIS_HOST", redis.host(),
                "REDIS_PORT", Integer.toString(redis.port()), "HOSTNAME", "near-replica"))) {
            near.get("/8.8.8.8");
            redis.kill();

            HttpResponse<String> response = near.get("/8.8.8.8");

            assertEquals("HIT", response.headers().firstValue("X-Cache").orElseThrow());
            assertEquals(1, replica1.provider().calls());
        }
    }

    /** Redis alone: without the near cache, every hit goes to Redis, which is what these tests are about. */
    private Map<String, String> redisSettings(String hostName) {
        return Map.of("REDIS_HOST", redis.host(), "REDIS_PORT", Integer.toString(redis.port()), "HOSTNAME", hostName,
                "NEAR_CACHE_SIZE", "0");
    }
}
