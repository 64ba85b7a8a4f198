package geo.api.lookup;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a location from each source stays cached; zero means it is not cached at all.
 *
 * @param providerTtl for locations from ipgeolocation.io
 * @param databaseTtl for locations from the offline database: short when they stand in for ipgeolocation.io, so that
 *                    the better answer returns with it; zero when the database is the only source, since reading it
 *                    is faster than asking a cache
 */
public record CachePolicy(Duration providerTtl, Duration databaseTtl) {

    public CachePolicy {
        Objects.requireNonNull(providerTtl, "providerTtl");
        Objects.requireNonNull(databaseTtl, "databaseTtl");
    }

    public Duration ttlFor(Source source) {
        return switch (source) {
            case IPGEOLOCATION -> providerTtl;
            case DATABASE -> databaseTtl;
        };
    }

    /** True when no location is ever cached, so the cache need not even be asked. */
    public boolean cachesNothing() {
        return providerTtl.isZero() && databaseTtl.isZero();
    }
}
