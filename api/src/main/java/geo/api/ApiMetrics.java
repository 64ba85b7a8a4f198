package geo.api;

import geo.common.net.IpAddress;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Language;
import geo.api.lookup.Outcome;
import geo.common.http.ExchangeObserver;
import geo.common.metrics.Metrics;
import geo.api.database.DatabaseUpdater;
import geo.api.database.GeoDatabase;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import java.util.List;

/**
 * geo-api's own metrics, next to the HTTP and JVM ones of {@link Metrics}. The names are listed in the README
 * ("Operations").
 */
final class ApiMetrics {

    private static final double[] PROVIDER_BUCKETS = {0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2,
            5};

    private final Metrics metrics;
    private final Counter cacheLookups;
    private final Counter providerRequests;
    private final Histogram providerLatency;
    private final Counter fallbacks;
    private final Counter redisErrors;
    private final Counter rateLimited;
    private final Counter databaseUpdates;

    ApiMetrics(Metrics metrics) {
        this.metrics = metrics;
        var registry = metrics.registry();
        cacheLookups = Counter.builder().name("geo_cache_lookups_total")
                .help("Look-ups of public addresses answered from the cache (hit) or not (miss)")
                .labelNames("result").register(registry);
        providerRequests = Counter.builder().name("geo_provider_requests_total")
                .help("Questions to a source of locations, by source and outcome")
                .labelNames("provider", "outcome").register(registry);
        providerLatency = Histogram.builder().name("geo_provider_request_duration_seconds")
                .help("Time a source of locations took to answer, by source")
                .labelNames("provider").classicOnly().classicUpperBounds(PROVIDER_BUCKETS).register(registry);
        fallbacks = Counter.builder().name("geo_fallback_answers_total")
                .help("Look-ups answered by the offline database because ipgeolocation.io failed or was down")
                .register(registry);
        redisErrors = Counter.builder().name("geo_redis_errors_total")
                .help("Redis calls that failed or timed out").register(registry);
        rateLimited = Counter.builder().name("geo_rate_limited_total")
                .help("Requests refused with 429 because their client was over RATE_LIMIT").register(registry);
        databaseUpdates = Counter.builder().name("geo_database_updates_total")
                .help("Attempts to update a database file, by file and result (updated, not_modified, not_newer, "
                        + "failed, refused)")
                .labelNames("file", "result").register(registry);
        for (String result : new String[] {"hit", "miss"}) {
            cacheLookups.labelValues(result);
        }
    }

    Metrics metrics() {
        return metrics;
    }

    /** The provider, with each of its answers counted by outcome, and each call (single or bulk) timed. */
    GeoProvider metered(String name, GeoProvider provider) {
        providerLatency.labelValues(name);
        return new GeoProvider() {
            @Override
            public Outcome locate(IpAddress address, Language language) {
                long start = System.nanoTime();
                Outcome outcome = provider.locate(address, language);
                providerLatency.labelValues(name).observe((System.nanoTime() - start) / 1e9);
                providerRequests.labelValues(name, outcome(outcome)).inc();
                return outcome;
            }

            @Override
            public List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
                long start = System.nanoTime();
                List<Outcome> outcomes = provider.locateAll(addresses, language);
                providerLatency.labelValues(name).observe((System.nanoTime() - start) / 1e9);
                outcomes.forEach(outcome -> providerRequests.labelValues(name, outcome(outcome)).inc());
                return outcomes;
            }
        };
    }

    /** The fallback provider, with each address it is asked about counted as a fallback. */
    GeoProvider countedAsFallback(GeoProvider fallback) {
        return new GeoProvider() {
            @Override
            public Outcome locate(IpAddress address, Language language) {
                fallbacks.inc();
                return fallback.locate(address, language);
            }

            @Override
            public List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
                fallbacks.inc(addresses.size());
                return fallback.locateAll(addresses, language);
            }
        };
    }

    /** When each database file in use was built, as its metadata says. */
    void databaseBuilds(GeoDatabase database) {
        GaugeWithCallback.builder().name("geo_database_build_timestamp_seconds")
                .help("When each database file in use was built (Unix time), as its metadata says")
                .labelNames("file")
                .callback(callback -> database.filesInUse().forEach(file -> file.built().ifPresent(
                        built -> callback.call(built.getEpochSecond(), file.name()))))
                .register(metrics.registry());
    }

    void databaseUpdate(String file, DatabaseUpdater.Result result) {
        databaseUpdates.labelValues(file, result.label()).inc();
    }

    void redisError() {
        redisErrors.inc();
    }

    void rateLimited() {
        rateLimited.inc();
    }

    /** Counts the hits and misses of the answers that carry one location. */
    ExchangeObserver cacheResults() {
        return served -> served.provenance()
                .ifPresent(provenance -> cacheLookups.labelValues(provenance.cached() ? "hit" : "miss").inc());
    }

    private static String outcome(Outcome outcome) {
        return switch (outcome) {
            case Found found -> "found";
            case Failure.NotFound notFound -> "not_found";
            case Failure.ProviderTimeout timeout -> "timeout";
            case Failure.ProviderFailed failed -> "failed";
            case Failure.OverQuota overQuota -> "over_quota";
            case Failure.KeyRejected rejected -> "key_rejected";
            case Failure.InvalidAddress invalid -> "refused";
            case Failure.NotPublic notPublic -> "refused";
        };
    }
}
