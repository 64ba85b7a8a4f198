package geo.common.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryCacheTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aStoredValueIsReturnedUntilItExpires() {
        MemoryCache cache = new MemoryCache(10, now::get);
        cache.put("k", bytes("v"), Duration.ofSeconds(10));

        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertArrayEquals(bytes("v"), cache.get("k").orElseThrow());

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertTrue(cache.get("k").isEmpty());
    }

    @Test
    void whenFullTheLeastRecentlyUsedEntryIsDropped() {
        MemoryCache cache = new MemoryCache(2, now::get);
        cache.put("a", bytes("1"), Duration.ofHours(1));
        cache.put("b", bytes("2"), Duration.ofHours(1));
        cache.get("a");

        cache.put("c", bytes("3"), Duration.ofHours(1));

        assertTrue(cache.get("b").isEmpty());
        assertTrue(cache.get("a").isPresent());
        assertTrue(cache.get("c").isPresent());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
