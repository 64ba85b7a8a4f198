package geo.common.cache;

import java.time.Duration;
import java.util.Optional;

/** A cache that keeps nothing. */
final class NoCache implements Cache {

    static final NoCache INSTANCE = new NoCache();

    private NoCache() {
    }

    @Override
    public Optional<byte[]> get(String key) {
        return Optional.empty();
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        // Nothing is kept.
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
