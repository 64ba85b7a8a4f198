package geo.api.lookup;

import geo.api.address.AddressScope;
import geo.api.address.IpAddress;
import geo.common.cache.Cache;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers where an address is: from the cache when it can, otherwise from the provider, whose answer it caches. Only
 * locations are cached; failures are not, so that the next request tries again.
 */
public final class GeoLookup {

    /** Versioned, so that a later change of the stored shape never reads an older one. */
    private static final String KEY_PREFIX = "geo:v1:ip:";

    private final Cache cache;
    private final GeoProvider provider;
    private final Duration ttl;
    private final SingleFlight<String, Outcome> misses = new SingleFlight<>();

    public GeoLookup(Cache cache, GeoProvider provider, Duration ttl) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
    }

    public Outcome locate(IpAddress address) {
        Optional<String> nonPublic = AddressScope.nonPublicReason(address);
        if (nonPublic.isPresent()) {
            return new Failure.NotPublic(address, nonPublic.get());
        }
        String key = KEY_PREFIX + address.canonical();
        Optional<Found> hit = cached(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        // Concurrent misses for one address in this replica make one provider call; the others share its answer.
        return misses.run(key, () -> cached(key).map(Outcome.class::cast).orElseGet(() -> fetch(key, address)));
    }

    private Outcome fetch(String key, IpAddress address) {
        Outcome outcome = provider.locate(address);
        if (outcome instanceof Found found) {
            cache.put(key, found.json(), ttl);
        }
        return outcome;
    }

    private Optional<Found> cached(String key) {
        return cache.get(key).filter(GeoLookup::isJsonObject).map(json -> new Found(json, true));
    }

    /** Guards against a foreign or damaged value in a Redis shared with other software. */
    private static boolean isJsonObject(byte[] json) {
        return json.length >= 2 && json[0] == '{' && json[json.length - 1] == '}';
    }
}
