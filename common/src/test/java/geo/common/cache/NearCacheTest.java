package geo.common.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.redis.Redis;
import geo.common.redis.RedisSettings;
import geo.common.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NearCacheTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aValueReadFromTheSharedCacheIsServedLocallyUntilTheNearTtl() {
        try (RedisServer redis = RedisServer.start()) {
            redis.command("SET k v");
            NearCache cache = nearCacheOn(redis);
            assertArrayEquals(bytes("v"), cache.get("k").orElseThrow());

            redis.kill();
            assertArrayEquals(bytes("v"), cache.get("k").orElseThrow(), "served without Redis");

            now.addAndGet(Duration.ofSeconds(30).toNanos());
            assertTrue(cache.get("k").isEmpty(), "gone after the near TTL, and Redis is down");
            cache.close();
        }
    }

    @Test
    void aWriteGoesToBothAndNeverLivesLongerHereThanThere() {
        try (RedisServer redis = RedisServer.start()) {
            NearCache cache = nearCacheOn(redis);

            cache.put("short", bytes("v"), Duration.ofSeconds(5));

            assertEquals(":1", redis.command("EXISTS short"));
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            redis.command("DEL short");
            assertTrue(cache.get("short").isEmpty());
            cache.close();
        }
    }

    @Test
    void ownValuesAreCheckedAgainWithoutAskingRedis() {
        try (RedisServer redis = RedisServer.start()) {
            NearCache cache = nearCacheOn(redis);

            cache.put("mine", bytes("v"), Duration.ofHours(1));
            redis.command("SET theirs w");

            assertArrayEquals(bytes("v"), cache.getOwn("mine").orElseThrow());
            assertTrue(cache.getOwn("theirs").isEmpty(), "another replica's value is not looked for in Redis");
            assertArrayEquals(bytes("w"), cache.get("theirs").orElseThrow(), "but a get finds it there");
            cache.close();
        }
    }

    /** A near cache of 10 entries kept 30 s, on this clock, in front of the Redis server. */
    private NearCache nearCacheOn(RedisServer redis) {
        Cache shared = Cache.redis(Redis.connect(new RedisSettings(redis.host(), redis.port(),
                Duration.ofMillis(250))));
        return new NearCache(shared, new MemoryCache(10, now::get), Duration.ofSeconds(30));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
