package geo.common.cache;

import geo.common.outage.OutageGate;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The cache in a Redis server shared by every replica, through a pool of Jedis connections. When Redis fails, requests
 * skip it at once, and a background thread probes it until it answers again: no request ever waits for a probe,
 * which may take long (a name that no longer resolves can cost a DNS timeout).
 */
final class RedisCache implements Cache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);
    /** How often a Redis that is down is probed. */
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_CONNECTIONS = 128;

    private final RedisSettings settings;
    private final PooledConnectionProvider connections;
    private final RedisClient client;
    private final OutageGate outage;
    private final Runnable onError;
    private volatile boolean closed;

    /**
     * INCRBY and, when the counter is new, PEXPIRE, atomically: a counter can never be left without its expiry.
     * Returns the count and the milliseconds left.
     */
    private static final String INCREMENT_IN_WINDOW = """
            local count = redis.call('INCRBY', KEYS[1], ARGV[2])
            if count == tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            return {count, redis.call('PTTL', KEYS[1])}""";

    RedisCache(RedisSettings settings, Runnable onError) {
        this.settings = settings;
        this.onError = onError;
        int timeoutMillis = Math.toIntExact(settings.timeout().toMillis());
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        // Waiting for a free connection is bounded like every other Redis call.
        pool.setMaxWait(settings.timeout());
        // No background checks of idle connections: after a restart of Redis they log a stack trace per
        // connection, and the first failure drops them all anyway (see failed()).
        pool.setTestWhileIdle(false);
        pool.setJmxEnabled(false);
        DefaultJedisClientConfig client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName("geo")
                .build();
        this.connections = new PooledConnectionProvider(new ConnectionFactory(
                new BoundedSocketFactory(settings.host(), settings.port(), settings.timeout()), client), pool);
        this.client = RedisClient.builder().connectionProvider(connections).build();
        this.outage = OutageGate.of("redis", LOG, RETRY_INTERVAL);
    }

    @Override
    public Optional<byte[]> get(String key) {
        if (outage.isDown()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(client.get(bytes(key)));
        } catch (JedisException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        if (keys.isEmpty() || outage.isDown()) {
            return Collections.nCopies(keys.size(), Optional.empty());
        }
        try {
            List<byte[]> values = client.mget(keys.stream().map(RedisCache::bytes).toArray(byte[][]::new));
            return values.stream().map(Optional::ofNullable).toList();
        } catch (JedisException e) {
            failed(e);
            return Collections.nCopies(keys.size(), Optional.empty());
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (outage.isDown()) {
            return;
        }
        try {
            client.set(bytes(key), value, SetParams.setParams().px(ttl.toMillis()));
        } catch (JedisException e) {
            failed(e);
        }
    }

    @Override
    public Optional<WindowCount> increment(String key, long events, Duration window) {
        if (outage.isDown()) {
            return Optional.empty();
        }
        try {
            List<?> reply = (List<?>) client.eval(INCREMENT_IN_WINDOW, List.of(key),
                    List.of(Long.toString(window.toMillis()), Long.toString(events)));
            long remainingMillis = Math.max(0, (Long) reply.get(1));
            return Optional.of(new WindowCount((Long) reply.get(0), Duration.ofMillis(remainingMillis)));
        } catch (JedisException e) {
            failed(e);
            return Optional.empty();
        }
    }

    @Override
    public boolean isDown() {
        return outage.isDown();
    }

    @Override
    public String describe() {
        return "redis " + settings;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        client.close();
    }

    private void failed(JedisException e) {
        onError.run();
        // After a restart of Redis every idle pooled connection is dead; dropping them spares the next requests.
        connections.getPool().clear();
        if (outage.failed(rootCause(e))) {
            Thread.ofVirtual().name("redis-probe").start(this::probeUntilUp);
        }
    }

    private void probeUntilUp() {
        while (!closed) {
            try {
                Thread.sleep(RETRY_INTERVAL);
                client.ping();
                outage.succeeded();
                return;
            } catch (JedisException stillDown) {
                connections.getPool().clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String rootCause(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
