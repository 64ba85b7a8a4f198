package geo.api;

import geo.api.database.DatabaseFiles;
import geo.api.database.DatabaseUpdater;
import geo.api.database.GeoDatabase;
import geo.api.key.ApiKey;
import geo.api.key.ApiKeyLoader;
import geo.api.key.KeySource;
import geo.api.lookup.CachePolicy;
import geo.api.lookup.FallbackProvider;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Source;
import geo.api.provider.IpGeolocationClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Where geo-api's answers come from, as {@code PROVIDER} and the presence of a key decide, how long each kind is
 * cached, and what must be closed at shutdown.
 *
 * @param provider    the provider to ask on a cache miss
 * @param policy      how long its answers are cached
 * @param description for the start-up log line
 * @param http        the client to ipgeolocation.io, when it is used
 * @param database    the offline database, when it is used
 * @param updater     what keeps the database's files fresh, when it is used
 */
record Sources(GeoProvider provider, CachePolicy policy, String description, Optional<HttpClient> http,
        Optional<GeoDatabase> database, Optional<DatabaseUpdater> updater) implements AutoCloseable {

    /** Opens the sources that the configuration asks for, each counted and timed in {@code metrics}. */
    static Sources open(ApiConfig config, Clock clock, ApiMetrics metrics) {
        return switch (config.provider()) {
            case IPGEOLOCATION -> ipgeolocationOnly(config, config.keySource().orElseThrow(), metrics);
            case DATABASE -> databaseOnly(config, clock, metrics);
            case AUTO -> config.keySource()
                    .map(key -> withFallback(config, key, clock, metrics))
                    .orElseGet(() -> databaseOnly(config, clock, metrics));
        };
    }

    @Override
    public void close() {
        http.ifPresent(HttpClient::close);
        updater.ifPresent(DatabaseUpdater::close);
        database.ifPresent(GeoDatabase::close);
    }

    private static Sources ipgeolocationOnly(ApiConfig config, KeySource key, ApiMetrics metrics) {
        ApiKey apiKey = ApiKeyLoader.load(key);
        HttpClient http = httpClient(config);
        return new Sources(metrics.metered(Source.IPGEOLOCATION.label(), ipgeolocation(config, apiKey, http)),
                new CachePolicy(config.cacheTtl(), Duration.ZERO),
                "ipgeolocation.io " + config.providerUrl() + " (" + config.apiVersion() + ", key from "
                        + key.describe() + ")",
                Optional.of(http), Optional.empty(), Optional.empty());
    }

    /** The database answers faster than any cache, so nothing is cached. */
    private static Sources databaseOnly(ApiConfig config, Clock clock, ApiMetrics metrics) {
        GeoDatabase database = database(config, clock, metrics);
        Optional<DatabaseUpdater> updater = updater(config, database, clock, metrics);
        return new Sources(metrics.metered(Source.DATABASE.label(), database),
                new CachePolicy(Duration.ZERO, Duration.ZERO), database.describe(), Optional.empty(),
                Optional.of(database), updater);
    }

    private static Sources withFallback(ApiConfig config, KeySource key, Clock clock, ApiMetrics metrics) {
        ApiKey apiKey = ApiKeyLoader.load(key);
        GeoDatabase database = database(config, clock, metrics);
        Optional<DatabaseUpdater> updater = updater(config, database, clock, metrics);
        HttpClient http = httpClient(config);
        return new Sources(new FallbackProvider(
                metrics.metered(Source.IPGEOLOCATION.label(), ipgeolocation(config, apiKey, http)),
                metrics.countedAsFallback(metrics.metered(Source.DATABASE.label(), database)),
                config.providerRetry()),
                new CachePolicy(config.cacheTtl(), config.fallbackTtl()),
                "ipgeolocation.io " + config.providerUrl() + " (" + config.apiVersion() + ", key from "
                        + key.describe() + "), falling back to " + database.describe(),
                Optional.of(http), Optional.of(database), updater);
    }

    /** The files of GEO_DB, or newer ones that an update left in GEO_DB_WORK, with their build times measured. */
    private static GeoDatabase database(ApiConfig config, Clock clock, ApiMetrics metrics) {
        GeoDatabase database = GeoDatabase.open(DatabaseFiles.locate(config.geoDb()),
                Optional.of(config.databaseUpdates().work()), clock);
        metrics.databaseBuilds(database);
        return database;
    }

    /** What keeps the files fresh, counted; a setting that does not fit them closes the database and stops. */
    private static Optional<DatabaseUpdater> updater(ApiConfig config, GeoDatabase database, Clock clock,
            ApiMetrics metrics) {
        try {
            return DatabaseUpdater.of(database, config.databaseUpdates(), clock, metrics::databaseUpdate);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static IpGeolocationClient ipgeolocation(ApiConfig config, ApiKey key, HttpClient http) {
        return new IpGeolocationClient(http, config.providerUrl(), config.apiVersion(), key,
                config.providerTimeout());
    }

    /**
     * One client for every call to ipgeolocation.io. Over plain http (a stand-in, a proxy) it speaks HTTP/1.1 rather
     * than attempt an HTTP/2 upgrade on every request; over https HTTP/2 is negotiated by TLS (ALPN).
     */
    private static HttpClient httpClient(ApiConfig config) {
        boolean tls = config.providerUrl().getScheme().equalsIgnoreCase("https");
        return HttpClient.newBuilder()
                .version(tls ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.providerTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("provider-", 0).factory()))
                .build();
    }
}
