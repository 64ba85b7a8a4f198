package geo.common.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A bounded in-process cache in front of a shared one. Values here may outlive the shared copy by at most the near
 * TTL: for geolocations, which change rarely and are cached for hours, a few seconds of that are harmless, and they
 * save a network round trip on every hit.
 */
final class NearCache implements Cache {

    private final Cache shared;
    private final MemoryCache near;
    private final Duration nearTtl;

    NearCache(Cache shared, MemoryCache near, Duration nearTtl) {
        this.shared = shared;
        this.near = near;
        this.nearTtl = nearTtl;
    }

    @Override
    public Optional<byte[]> get(String key) {
        Optional<byte[]> local = near.get(key);
        if (local.isPresent()) {
            return local;
        }
        Optional<byte[]> remote = shared.get(key);
        remote.ifPresent(value -> near.put(key, value, nearTtl));
        return remote;
    }

    /** Every value this replica stored is kept here for at least a moment (the near TTL). */
    @Override
    public Optional<byte[]> getOwn(String key) {
        return near.get(key);
    }

    /** What this replica holds, and the rest from the shared cache in one call. */
    @Override
    public List<Optional<byte[]>> getAll(List<String> keys) {
        List<Optional<byte[]>> values = new ArrayList<>(near.getAll(keys));
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isEmpty()) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<Optional<byte[]>> remote = shared.getAll(missing.stream().map(keys::get).toList());
            for (int i = 0; i < missing.size(); i++) {
                int at = missing.get(i);
                remote.get(i).ifPresent(value -> near.put(keys.get(at), value, nearTtl));
                values.set(at, remote.get(i));
            }
        }
        return values;
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        near.put(key, value, ttl.compareTo(nearTtl) < 0 ? ttl : nearTtl);
        shared.put(key, value, ttl);
    }

    @Override
    public boolean isDown() {
        return shared.isDown();
    }

    @Override
    public String describe() {
        return shared.describe() + ", with a near cache of " + near.maxEntries() + " entries for " + nearTtl;
    }

    @Override
    public void close() {
        near.close();
        shared.close();
    }
}
