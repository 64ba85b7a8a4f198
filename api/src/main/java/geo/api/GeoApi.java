package geo.api;

import geo.api.address.ClientAddressResolver;
import geo.api.address.IpAddress;
import geo.api.lookup.Failure;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Outcome;
import geo.common.cache.Cache;
import geo.common.http.Exchanges;
import geo.common.http.HttpService;
import geo.common.http.Request;
import geo.common.http.Responder;
import geo.common.http.Response;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** geo-api, running: its parts built from the configuration, wired, and serving HTTP. */
public final class GeoApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoApi.class);

    private final ApiConfig config;
    private final HttpService server;
    private final Cache cache;
    private final Sources sources;

    private GeoApi(ApiConfig config, HttpService server, Cache cache, Sources sources) {
        this.config = config;
        this.server = server;
        this.cache = cache;
        this.sources = sources;
    }

    /** Builds every part from the configuration and starts serving on the address. */
    public static GeoApi start(ApiConfig config, InetSocketAddress address) {
        Sources sources = Sources.open(config, Clock.systemUTC());
        Cache cache = sources.policy().cachesNothing() ? Cache.none() : cacheFor(config);
        GeoLookup lookup = new GeoLookup(cache, sources.provider(), sources.policy());
        Responder routes = routes(lookup, new ClientAddressResolver(config.trustedProxies()),
                new ApiResponses(config.hostName()));
        HttpService server;
        try {
            server = HttpService.start("api-", address, Exchanges.handler(routes, ApiResponses.INTERNAL_ERROR));
        } catch (RuntimeException e) {
            cache.close();
            sources.close();
            throw e;
        }
        LOG.info("event=started service=geo-api port={} cache=\"{}\" source=\"{}\"", server.port(),
                cache.describe(), sources.description());
        return new GeoApi(config, server, cache, sources);
    }

    /** Redis, with a near cache in front unless NEAR_CACHE_SIZE=0; without REDIS_HOST, memory in this process. */
    private static Cache cacheFor(ApiConfig config) {
        if (config.redis().isEmpty()) {
            return Cache.inMemory(ApiConfig.MEMORY_CACHE_ENTRIES);
        }
        Cache redis = Cache.redis(config.redis().get());
        return config.nearCacheSize() == 0 ? redis : Cache.near(redis, config.nearCacheSize(), config.nearCacheTtl());
    }

    /** Every route of geo-api. */
    static Responder routes(GeoLookup lookup, ClientAddressResolver clients, ApiResponses responses) {
        return request -> {
            if (!request.isGetOrHead()) {
                return ApiResponses.METHOD_NOT_ALLOWED;
            }
            List<String> path = request.pathSegments();
            if (path.isEmpty()) {
                return responses.of(lookup.locate(callerOf(request, clients)));
            }
            if (path.size() == 1) {
                return switch (path.getFirst()) {
                    case "health", "status" -> ApiResponses.UP;
                    default -> responses.of(locate(lookup, path.getFirst()));
                };
            }
            if (path.size() == 2 && path.getFirst().equals("ip")) {
                // The original frontend's path.
                return responses.of(locate(lookup, path.get(1)));
            }
            return ApiResponses.NO_SUCH_ROUTE;
        };
    }

    public int port() {
        return server.port();
    }

    /** Stops taking requests, lets those in flight finish within the grace period, then closes Redis. */
    @Override
    public void close() {
        LOG.info("event=stopping service=geo-api grace={}", config.shutdownGrace());
        server.stop(config.shutdownGrace());
        cache.close();
        sources.close();
        LOG.info("event=stopped service=geo-api");
    }

    private static IpAddress callerOf(Request request, ClientAddressResolver clients) {
        return clients.clientOf(request.remoteAddress(), request.headerValues("X-Forwarded-For"));
    }

    private static Outcome locate(GeoLookup lookup, String text) {
        return IpAddress.parse(text).map(lookup::locate).orElseGet(() -> Failure.InvalidAddress.of(text));
    }
}
