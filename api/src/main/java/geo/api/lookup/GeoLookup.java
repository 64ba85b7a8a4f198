package geo.api.lookup;

import geo.api.address.AddressScope;
import geo.api.address.IpAddress;
import geo.common.cache.Cache;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers where an address is: from the cache when it can, otherwise from the provider, whose answer it caches. Only
 * locations are cached; failures are not, so that the next request tries again.
 */
public final class GeoLookup {

    /** Versioned, so that a later change of the stored shape never reads an older one. */
    private static final String KEY_PREFIX = "geo:v2:ip:";

    private final Cache cache;
    private final GeoProvider provider;
    private final CachePolicy policy;
    private final SingleFlight<String, Outcome> misses = new SingleFlight<>();

    public GeoLookup(Cache cache, GeoProvider provider, CachePolicy policy) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.policy = Objects.requireNonNull(policy, "policy");
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
        if (outcome instanceof Found found && policy.ttlFor(found.source()).isPositive()) {
            cache.put(key, CachedAnswers.encode(found), policy.ttlFor(found.source()));
        }
        return outcome;
    }

    private Optional<Found> cached(String key) {
        return cache.get(key).flatMap(CachedAnswers::decode);
    }
}
