package geo.common.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.redis.Redis;
import geo.common.redis.RedisSettings;
import geo.common.testing.CapturedOutput;
import geo.common.testing.RedisServer;
import geo.common.testing.TestNames;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RedisCacheTest {

    private static final Duration TIMEOUT = Duration.ofMillis(250);

    private RedisServer redis;
    private Cache cache;

    @BeforeEach
    void start() {
        redis = RedisServer.start();
        cache = Cache.redis(Redis.connect(new RedisSettings(redis.host(), redis.port(), TIMEOUT)));
    }

    @AfterEach
    void stop() {
        cache.close();
        redis.close();
    }

    @Test
    void aStoredValueIsReadBackWithItsTimeToLiveSetInRedis() {
        cache.put("geo:test", bytes("{\"ip\":\"8.8.8.8\"}"), Duration.ofMinutes(5));

        assertArrayEquals(bytes("{\"ip\":\"8.8.8.8\"}"), cache.get("geo:test").orElseThrow());
        long ttlMillis = Long.parseLong(redis.command("PTTL geo:test").substring(1));
        assertTrue(ttlMillis > 0 && ttlMillis <= Duration.ofMinutes(5).toMillis(), "PTTL " + ttlMillis);
    }

    @Test
    void aDeadRedisMissesAndEveryFailureIsReported() {
        AtomicInteger errors = new AtomicInteger();
        try (Cache reporting = Cache.redis(Redis.connect(new RedisSettings(redis.host(), redis.port(), TIMEOUT),
                errors::incrementAndGet))) {
            redis.kill();

            assertTrue(reporting.get("geo:test").isEmpty());
            assertTrue(reporting.isDown());
            assertEquals(1, errors.get());
        }
    }

    @Test
    void severalKeysAreReadInOneRoundTrip() {
        cache.put("geo:a", bytes("A"), Duration.ofMinutes(1));
        cache.put("geo:c", bytes("C"), Duration.ofMinutes(1));

        List<Optional<byte[]>> values = cache.getAll(List.of("geo:a", "geo:b", "geo:c"));

        assertArrayEquals(bytes("A"), values.get(0).orElseThrow());
        assertTrue(values.get(1).isEmpty());
        assertArrayEquals(bytes("C"), values.get(2).orElseThrow());
        String stats = redis.command("INFO commandstats");
        assertTrue(stats.contains("cmdstat_mget:calls=1,"), stats);
        assertFalse(stats.contains("cmdstat_get:"), stats);
    }

    @Test
    void aMissingKeyIsEmpty() {
        assertTrue(cache.get("geo:absent").isEmpty());
    }

    @Test
    void aDeadRedisIsAMissAndIsLoggedOnceNotPerCall() {
        try (CapturedOutput output = CapturedOutput.start()) {
            redis.kill();

            for (int i = 0; i < 20; i++) {
                assertTrue(cache.get("geo:test").isEmpty());
                cache.put("geo:test", bytes("x"), Duration.ofMinutes(1));
            }

            assertEquals(1, output.linesContaining("event=redis_down"), output.text());
        }
    }

    @Test
    void aSlowRedisIsAMissAfterTheTimeoutRatherThanAWait() throws Exception {
        cache.put("geo:test", bytes("v"), Duration.ofMinutes(1));
        Thread sleeper = Thread.ofVirtual().start(() -> redis.command("DEBUG SLEEP 2"));
        Thread.sleep(100);

        long started = System.nanoTime();
        assertTrue(cache.get("geo:test").isEmpty());
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(waited.compareTo(Duration.ofSeconds(1)) < 0, "waited " + waited);
        sleeper.join();
    }

    @Test
    void noRequestWaitsWhileARedisThatIsDownIsProbed() throws Exception {
        TestNames.define("redis.geo-test", InetAddress.getLoopbackAddress());
        try (Cache named = Cache.redis(Redis.connect(new RedisSettings("redis.geo-test", redis.port(), TIMEOUT)))) {
            named.put("geo:test", bytes("v"), Duration.ofMinutes(1));
            redis.kill();
            assertTrue(named.get("geo:test").isEmpty());
            // From now on the name takes seconds to resolve, as when Swarm's DNS no longer knows a service.
            TestNames.delay("redis.geo-test", Duration.ofSeconds(3));

            long deadline = System.nanoTime() + Duration.ofMillis(2_500).toNanos();
            while (System.nanoTime() < deadline) {
                long started = System.nanoTime();
                named.get("geo:test");
                named.put("geo:test", bytes("v"), Duration.ofMinutes(1));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertTrue(took.compareTo(Duration.ofMillis(100)) < 0, "a request waited " + took);
                Thread.sleep(50);
            }

            TestNames.delay("redis.geo-test", Duration.ZERO);
            redis.restart();
            long back = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (named.get("geo:test").isEmpty() && System.nanoTime() < back) {
                named.put("geo:test", bytes("v"), Duration.ofMinutes(1));
                Thread.sleep(100);
            }
            assertArrayEquals(bytes("v"), named.get("geo:test").orElseThrow());
        }
    }

    @Test
    void aNameThatResolvesSlowlyCostsARequestAtMostTheTimeout() throws Exception {
        TestNames.define("slow-redis.geo-test", InetAddress.getLoopbackAddress());
        TestNames.delay("slow-redis.geo-test", Duration.ofSeconds(3));
        try (Cache named = Cache.redis(Redis.connect(new RedisSettings("slow-redis.geo-test", redis.port(),
                TIMEOUT)))) {
            long started = System.nanoTime();
            named.put("geo:test", bytes("v"), Duration.ofMinutes(1));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "a request waited " + took);
        }
    }

    @Test
    void theCacheIsUsedAgainByItselfOnceRedisIsBack() throws Exception {
        cache.put("geo:test", bytes("before"), Duration.ofMinutes(1));
        try (CapturedOutput output = CapturedOutput.start()) {
            redis.kill();
            assertTrue(cache.get("geo:test").isEmpty());

            redis.restart();
            Thread.sleep(1_100);
            cache.put("geo:test", bytes("back"), Duration.ofMinutes(1));

            assertArrayEquals(bytes("back"), cache.get("geo:test").orElseThrow());
            assertEquals(1, output.linesContaining("event=redis_up"), output.text());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
