package geo.common.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the shared Redis server is, and how long one command may take before the cache counts as down.
 *
 * @param host    the Redis host name or address
 * @param port    its TCP port
 * @param timeout the bound on connecting and on each command
 */
public record RedisSettings(String host, int port, Duration timeout) {

    public RedisSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
