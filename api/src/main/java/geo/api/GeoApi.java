package geo.api;

import geo.api.address.ClientAddressResolver;
import geo.api.address.IpAddress;
import geo.api.key.ApiKey;
import geo.api.key.ApiKeyLoader;
import geo.api.lookup.Failure;
import geo.api.lookup.GeoLookup;
import geo.api.lookup.Outcome;
import geo.api.provider.IpGeolocationClient;
import geo.common.cache.Cache;
import geo.common.http.Exchanges;
import geo.common.http.HttpService;
import geo.common.http.Request;
import geo.common.http.Responder;
import geo.common.http.Response;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** geo-api, running: its parts built from the configuration, wired, and serving HTTP. */
public final class GeoApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoApi.class);

    private final ApiConfig config;
    private final HttpService server;
    private final Cache cache;
    private final HttpClient http;

    private GeoApi(ApiConfig config, HttpService server, Cache cache, HttpClient http) {
        this.config = config;
        this.server = server;
        this.cache = cache;
        this.http = http;
    }

    /** Builds every part from the configuration and starts serving on the address. */
    public static GeoApi start(ApiConfig config, InetSocketAddress address) {
        ApiKey key = ApiKeyLoader.load(config.keySource());
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(config.providerTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("provider-", 0).factory()))
                .build();
        IpGeolocationClient provider = new IpGeolocationClient(http, config.providerUrl(), config.apiVersion(), key,
                config.providerTimeout());
        Cache cache = config.redis().map(Cache::redis).orElseGet(() -> Cache.inMemory(ApiConfig.MEMORY_CACHE_ENTRIES));
        GeoLookup lookup = new GeoLookup(cache, provider, config.cacheTtl());
        Responder routes = routes(lookup, new ClientAddressResolver(config.trustedProxies()),
                new ApiResponses(config.hostName()));
        HttpService server = HttpService.start("api-", address, Exchanges.handler(routes, ApiResponses.INTERNAL_ERROR));
        LOG.info("event=started service=geo-api port={} cache=\"{}\" provider={} api_version={} key_source=\"{}\"",
                server.port(), cache.describe(), config.providerUrl(), config.apiVersion(),
                config.keySource().describe());
        return new GeoApi(config, server, cache, http);
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
        http.close();
        LOG.info("event=stopped service=geo-api");
    }

    private static IpAddress callerOf(Request request, ClientAddressResolver clients) {
        return clients.clientOf(request.remoteAddress(), request.headerValues("X-Forwarded-For"));
    }

    private static Outcome locate(GeoLookup lookup, String text) {
        return IpAddress.parse(text).map(lookup::locate).orElseGet(() -> Failure.InvalidAddress.of(text));
    }
}
