package geo.common.redis;

import geo.common.outage.OutageGate;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.ConnectionFactory;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.PooledConnectionProvider;

/**
 * The Redis server shared by every replica, through a pool of Jedis connections, for whatever uses it (the cache,
 * the rate counters). A call never throws and never waits long: when Redis fails, calls skip it at once, and a
 * background thread probes it until it answers again, so that no request ever waits for a probe (a name that no
 * longer resolves can cost a DNS timeout).
 */
public final class Redis implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Redis.class);
    /** How often a Redis that is down is probed. */
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_CONNECTIONS = 128;

    private final RedisSettings settings;
    private final PooledConnectionProvider connections;
    private final RedisClient client;
    private final OutageGate outage;
    private final Runnable onError;
    private volatile boolean closed;

    private Redis(RedisSettings settings, Runnable onError) {
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

    public static Redis connect(RedisSettings settings) {
        return connect(settings, () -> {
        });
    }

    /** @param onError runs on every failed call (for a metric) */
    public static Redis connect(RedisSettings settings, Runnable onError) {
        return new Redis(Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(onError, "onError"));
    }

    /** The command's result; empty when Redis is down or the command failed, which is counted and logged once. */
    public <T> Optional<T> call(Function<RedisClient, T> command) {
        if (outage.isDown()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(command.apply(client));
        } catch (JedisException e) {
            failed(e);
            return Optional.empty();
        }
    }

    /** Whether Redis is known to be unreachable right now. */
    public boolean isDown() {
        return outage.isDown();
    }

    @Override
    public String toString() {
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
}
