package geo.api;

import geo.api.address.ClientAddressResolver;
import geo.api.database.DatabaseUpdater;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Source;
import geo.common.cache.Cache;
import geo.common.limit.RateCounter;
import geo.common.redis.Redis;
import geo.common.http.AccessLog;
import geo.common.http.AdminRoutes;
import geo.common.http.ExchangeObserver;
import geo.common.http.Exchanges;
import geo.common.http.HttpService;
import geo.common.http.Filters;
import geo.common.http.Pipeline;
import geo.common.http.Request;
import geo.common.http.RouteTable;
import geo.common.net.IpAddress;
import geo.common.metrics.Metrics;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** geo-api, running: its parts built from the configuration, wired, and serving HTTP. */
public final class GeoApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoApi.class);
    /** Clients counted for the rate limit in this process; more are forgotten oldest first. */
    private static final int LOCAL_RATE_COUNTERS = 100_000;

    private final ApiConfig config;
    private final HttpService server;
    private final HttpService admin;
    private final Cache cache;
    private final Optional<Redis> redis;
    private final Sources sources;
    private final Readiness readiness;
    private final ApiRoutes routes;
    private final AccessLog accessLog;

    private GeoApi(ApiConfig config, HttpService server, HttpService admin, Cache cache, Optional<Redis> redis,
            Sources sources, Readiness readiness, ApiRoutes routes, AccessLog accessLog) {
        this.config = config;
        this.server = server;
        this.admin = admin;
        this.cache = cache;
        this.redis = redis;
        this.sources = sources;
        this.readiness = readiness;
        this.routes = routes;
        this.accessLog = accessLog;
    }

    /**
     * Builds every part from the configuration and starts serving the API on {@code address}, and the operators'
     * routes on {@code adminAddress}.
     */
    public static GeoApi start(ApiConfig config, InetSocketAddress address, InetSocketAddress adminAddress) {
        ApiMetrics metrics = new ApiMetrics(Metrics.create());
        Sources sources = Sources.open(config, Clock.systemUTC(), metrics);
        Optional<Redis> redis = config.redis().map(settings -> Redis.connect(settings, metrics::redisError));
        Cache cache = sources.policy().cachesNothing() ? Cache.none() : answersCache(config, redis);
        RateCounter localCounter = RateCounter.inMemory(LOCAL_RATE_COUNTERS);
        RateCounter counter = redis.map(RateCounter::redis).map(shared -> shared.orWhileDown(localCounter))
                .orElse(localCounter);
        Readiness readiness = new Readiness(sources.description(), cache.describe(), redis,
                Readiness.databases(sources.database(), sources.updater()));
        ClientAddressResolver clients = new ClientAddressResolver(config.trustedProxies());
        ApiRoutes routes = new ApiRoutes(new GeoLookup(cache, sources.provider(), sources.policy()),
                new ApiResponses(config.hostName(), clientMaxAge(config, sources)),
                new RateLimiter(config.rateLimit(), counter, metrics::rateLimited), readiness, config.bulkMax());
        Function<Request, IpAddress> clientOf = request -> clients.clientOf(request.remoteAddress(),
                request.headerValues("X-Forwarded-For"));
        AccessLog accessLog = AccessLog.create();
        Pipeline adminPipeline = Pipeline.of(
                AdminRoutes.table(ApiResponses.UP, readiness::details, metrics.metrics()::scrape),
                List.of(Filters.preflight(ApiRoutes.PREFLIGHT)), clientOf,
                ApiErrors.refusals(ApiErrors.ADMIN_ROUTES), ApiRoutes.EVERY_ANSWER);
        HttpService server = null;
        HttpService admin;
        try {
            server = HttpService.start("api-", address, Exchanges.handler(routes.pipeline(clientOf),
                    ExchangeObserver.all(accessLog, metrics.metrics().requests(), metrics.cacheResults())));
            admin = HttpService.start("api-admin-", adminAddress, Exchanges.handler(adminPipeline,
                    ExchangeObserver.all(accessLog, metrics.metrics().requests())));
        } catch (RuntimeException e) {
            if (server != null) {
                server.close();
            }
            accessLog.close();
            cache.close();
            redis.ifPresent(Redis::close);
            sources.close();
            throw e;
        }
        sources.updater().ifPresent(DatabaseUpdater::start);
        LOG.info("event=started service=geo-api port={} admin_port={} cache=\"{}\" source=\"{}\" rate_limit={}",
                server.port(), admin.port(), cache.describe(), sources.description(),
                config.rateLimit() == 0 ? "off" : config.rateLimit());
        return new GeoApi(config, server, admin, cache, redis, sources, readiness, routes, accessLog);
    }

    /**
     * How long a client may keep an answer: as long as geo-api caches it (CACHE_TTL), but a fallback answer from the
     * database only FALLBACK_TTL, since ipgeolocation.io's will be better once it is back.
     */
    private static Function<Source, Duration> clientMaxAge(ApiConfig config, Sources sources) {
        boolean fallback = sources.http().isPresent() && sources.database().isPresent();
        return source -> source == Source.DATABASE && fallback ? config.fallbackTtl() : config.cacheTtl();
    }

    /** Redis, with a near cache in front unless NEAR_CACHE_SIZE=0; without REDIS_HOST, memory in this process. */
    private static Cache answersCache(ApiConfig config, Optional<Redis> redis) {
        if (redis.isEmpty()) {
            return Cache.inMemory(ApiConfig.MEMORY_CACHE_ENTRIES);
        }
        Cache shared = Cache.redis(redis.get());
        return config.nearCacheSize() == 0 ? shared : Cache.near(shared, config.nearCacheSize(), config.nearCacheTtl());
    }

    /** Every route, as data: what {@code /openapi.json} must describe. */
    public RouteTable routeTable() {
        return routes.table();
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return admin.port();
    }

    /** Stops taking requests, lets those in flight finish within the grace period, then closes Redis. */
    @Override
    public void close() {
        LOG.info("event=stopping service=geo-api grace={}", config.shutdownGrace());
        readiness.stopping();
        server.stop(config.shutdownGrace());
        // The admin port serves until the last request is answered, for the metrics of the drain.
        admin.close();
        accessLog.close();
        cache.close();
        redis.ifPresent(Redis::close);
        sources.close();
        LOG.info("event=stopped service=geo-api");
    }
}
