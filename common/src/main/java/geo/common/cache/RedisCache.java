package geo.common.cache;

import geo.common.redis.Redis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.params.SetParams;

/** The cache in the Redis server that every replica shares; while Redis is down it misses and keeps nothing. */
final class RedisCache implements Cache {

    private final Redis redis;

    RedisCache(Redis redis) {
        this.redis = redis;
    }

    @Override
    public Optional<byte[]> get(String key) {
        return redis.call(client -> client.get(bytes(key)));
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return redis.call(client -> client.mget(keys.stream().map(RedisCache::bytes).toArray(byte[][]::new)))
                .map(values -> values.stream().map(Optional::ofNullable).toList())
                .orElseGet(() -> Collections.nCopies(keys.size(), Optional.empty()));
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        redis.call(client -> client.set(bytes(key), value, SetParams.setParams().px(ttl.toMillis())));
    }

    @Override
    public boolean isDown() {
        return redis.isDown();
    }

    @Override
    public String describe() {
        return redis.toString();
    }

    @Override
    public void close() {
        redis.close();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
