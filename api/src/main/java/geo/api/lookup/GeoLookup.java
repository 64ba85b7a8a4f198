package geo.api.lookup;

import geo.api.address.AddressScope;
import geo.common.net.IpAddress;
import geo.common.cache.Cache;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers where an address is: from the cache when it can, otherwise from the provider, whose answer it caches. Only
 * locations are cached; failures are not, so that the next request tries again.
 */
public final class GeoLookup {

    /**
     * Versioned, so that a later change of the stored shape never reads an older one. English answers keep the key
     * they always had; others are kept apart by a language tag that no address can be mistaken for.
     */
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

    public Outcome locate(IpAddress address, Language language) {
        Optional<String> nonPublic = AddressScope.nonPublicReason(address);
        if (nonPublic.isPresent()) {
            return new Failure.NotPublic(address, nonPublic.get());
        }
        String key = key(address, language);
        Optional<Found> hit = cached(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        // Concurrent misses for one address in this replica make one provider call; the others share its answer. A
        // miss that comes just after a call ended finds what the call stored.
        return misses.run(key, () -> cache.getOwn(key).flatMap(CachedAnswers::decode).map(Outcome.class::cast)
                .orElseGet(() -> fetch(key, address, language)));
    }

    /**
     * Several addresses at once, answered in their order: every cached one from one cache round trip, every other
     * public one from one bulk call to the provider, whose answers are cached. (Unlike single look-ups, concurrent
     * bulk misses are not shared.)
     */
    public List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
        Outcome[] outcomes = new Outcome[addresses.size()];
        List<Integer> publicOnes = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            Optional<String> nonPublic = AddressScope.nonPublicReason(addresses.get(i));
            if (nonPublic.isPresent()) {
                outcomes[i] = new Failure.NotPublic(addresses.get(i), nonPublic.get());
            } else {
                publicOnes.add(i);
            }
        }
        List<Optional<byte[]>> cached = cache.getAll(publicOnes.stream()
                .map(i -> key(addresses.get(i), language)).toList());
        // Each address missing from the cache is asked once, however often it appears.
        Map<String, IpAddress> misses = new LinkedHashMap<>();
        for (int j = 0; j < publicOnes.size(); j++) {
            int i = publicOnes.get(j);
            Optional<Found> hit = cached.get(j).flatMap(CachedAnswers::decode);
            if (hit.isPresent()) {
                outcomes[i] = hit.get();
            } else {
                misses.putIfAbsent(addresses.get(i).canonical(), addresses.get(i));
            }
        }
        Map<String, Outcome> fetched = fetchAll(List.copyOf(misses.values()), language);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i] == null) {
                outcomes[i] = fetched.get(addresses.get(i).canonical());
            }
        }
        return List.of(outcomes);
    }

    private Map<String, Outcome> fetchAll(List<IpAddress> addresses, Language language) {
        Map<String, Outcome> fetched = new HashMap<>();
        if (addresses.isEmpty()) {
            return fetched;
        }
        List<Outcome> outcomes = provider.locateAll(addresses, language);
        for (int i = 0; i < addresses.size(); i++) {
            IpAddress address = addresses.get(i);
            Outcome outcome = outcomes.get(i);
            if (outcome instanceof Found found && policy.ttlFor(found.source()).isPositive()) {
                cache.put(key(address, language), CachedAnswers.encode(found),
                        policy.ttlFor(found.source()));
            }
            fetched.put(address.canonical(), outcome);
        }
        return fetched;
    }

    private Outcome fetch(String key, IpAddress address, Language language) {
        Outcome outcome = provider.locate(address, language);
        if (outcome instanceof Found found && policy.ttlFor(found.source()).isPositive()) {
            cache.put(key, CachedAnswers.encode(found), policy.ttlFor(found.source()));
        }
        return outcome;
    }

    private static String key(IpAddress address, Language language) {
        return language == Language.ENGLISH ? KEY_PREFIX + address.canonical()
                : KEY_PREFIX + "lang=" + language.code() + ":" + address.canonical();
    }

    private Optional<Found> cached(String key) {
        return cache.get(key).flatMap(CachedAnswers::decode);
    }
}
