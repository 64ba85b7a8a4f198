package geo.frontend;

import geo.common.http.AccessLog;
import geo.common.http.AdminRoutes;
import geo.common.http.ExchangeObserver;
import geo.common.http.Exchange;
import geo.common.http.Exchanges;
import geo.common.http.Filters;
import geo.common.http.Pipeline;
import geo.common.http.HttpService;
import geo.common.http.Request;
import geo.common.http.Response;
import geo.common.http.RouteTable;
import geo.common.metrics.Metrics;
import geo.common.net.IpAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** geo-frontend, running: a page with a form that asks geo-api and shows its answer. */
public final class GeoFrontend implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoFrontend.class);

    private final FrontendConfig config;
    private final HttpService server;
    private final HttpService admin;
    private final HttpClient http;
    private final AtomicBoolean stopping;
    private final AccessLog accessLog;

    private GeoFrontend(FrontendConfig config, HttpService server, HttpService admin, HttpClient http,
            AtomicBoolean stopping, AccessLog accessLog) {
        this.config = config;
        this.server = server;
        this.admin = admin;
        this.http = http;
        this.stopping = stopping;
        this.accessLog = accessLog;
    }

    /**
     * Builds every part from the configuration and starts serving the page on {@code address}, and the operators'
     * routes on {@code adminAddress}.
     */
    public static GeoFrontend start(FrontendConfig config, InetSocketAddress address,
            InetSocketAddress adminAddress) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(FrontendConfig.API_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("api-client-", 0).factory()))
                .build();
        Metrics metrics = Metrics.create();
        AtomicBoolean stopping = new AtomicBoolean();
        Supplier<Response> readiness = () -> stopping.get() ? Pages.STOPPING : Pages.READY;
        Function<Request, IpAddress> peer = request -> IpAddress.of(request.remoteAddress());
        Pipeline pipeline = Pipeline.of(table(new ApiClient(http, config.api(), config.apiTimeout()), readiness),
                List.of(Filters.bodyOnlyForPost()), peer, Pages::refused, SecurityHeaders.HEADERS);
        Pipeline adminPipeline = Pipeline.of(AdminRoutes.table(Pages.UP, readiness, metrics::scrape), List.of(),
                peer, RawJson::refused, SecurityHeaders.HEADERS);
        AccessLog accessLog = AccessLog.create();
        ExchangeObserver observers = ExchangeObserver.all(accessLog, metrics.requests());
        HttpService server = HttpService.start("frontend-", address, Exchanges.handler(pipeline, observers));
        HttpService admin;
        try {
            admin = HttpService.start("frontend-admin-", adminAddress, Exchanges.handler(adminPipeline, observers));
        } catch (RuntimeException e) {
            server.close();
            accessLog.close();
            http.close();
            throw e;
        }
        LOG.info("event=started service=geo-frontend port={} admin_port={} api={}", server.port(), admin.port(),
                config.api());
        return new GeoFrontend(config, server, admin, http, stopping, accessLog);
    }

    /**
     * Every route of geo-frontend, as a table, which also names them for the metrics. All are GET (and HEAD); none
     * takes a body.
     *
     * @param readiness what {@code /ready} answers now
     */
    static RouteTable table(ApiClient api, Supplier<Response> readiness) {
        return RouteTable.of(List.of(
                RouteTable.get("/", exchange -> home(api, exchange)),
                RouteTable.get("/health", exchange -> Pages.UP),
                RouteTable.get("/status", exchange -> Pages.UP),
                RouteTable.get("/ready", exchange -> readiness.get()),
                RouteTable.get("/json", exchange -> rawJson(api, exchange)),
                RouteTable.get("/style.css", exchange -> Pages.STYLE),
                RouteTable.get(WorldMap.LAND_URL, exchange -> Pages.LAND),
                // The original frontend's path.
                RouteTable.get("/ip/{ip}", exchange -> lookup(api, exchange, exchange.path("ip").strip()))));
    }

    /** The form: with one address, several, or the visitor's own location. */
    private static Response home(ApiClient api, Exchange exchange) {
        Request request = exchange.request();
        Optional<String> several = request.queryParameter("ips");
        if (several.isPresent()) {
            return lookupAll(api, exchange, several.get());
        }
        return request.queryParameter("ip")
                .map(ip -> lookup(api, exchange, ip.strip()))
                .orElseGet(() -> ownAddress(api, exchange));
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return admin.port();
    }

    @Override
    public void close() {
        LOG.info("event=stopping service=geo-frontend grace={}", config.shutdownGrace());
        stopping.set(true);
        server.stop(config.shutdownGrace());
        admin.close();
        accessLog.close();
        http.close();
        LOG.info("event=stopped service=geo-frontend");
    }

    /**
     * One address, as typed: refused next to the field, before geo-api is asked, unless it is an address literal.
     */
    private static Response lookup(ApiClient api, Exchange exchange, String typed) {
        if (typed.isEmpty()) {
            return Pages.error(400, "", "Enter an IP address to look up, such as 8.8.8.8.");
        }
        Optional<IpAddress> address = IpAddress.parse(typed);
        if (address.isEmpty()) {
            return Pages.error(400, typed, IpAddress.notAnAddress(typed));
        }
        return switch (api.lookup(address.get(), forwardedFor(exchange))) {
            case ApiAnswer.Located located -> Pages.location(typed, located);
            case ApiAnswer.Refused refused -> RawJson.withRetryAfter(Pages.error(refused.status(), typed,
                    refused.message()), refused.retryAfter());
            case ApiAnswer.Unavailable unavailable -> Pages.error(unavailable.status(), typed, unavailable.message());
        };
    }

    /**
     * geo-api's answer as JSON, for the page's "Raw JSON" link: {@code /json?ip=…}, or the visitor's own without an
     * address. Text that is not an address is refused in geo-api's shape, before geo-api is asked.
     */
    private static Response rawJson(ApiClient api, Exchange exchange) {
        String typed = exchange.request().queryParameter("ip").map(String::strip).orElse("");
        if (typed.isEmpty()) {
            return RawJson.of(api.lookupVisitor(forwardedFor(exchange)));
        }
        return IpAddress.parse(typed)
                .map(address -> RawJson.of(api.lookup(address, forwardedFor(exchange))))
                .orElseGet(() -> RawJson.error(400, IpAddress.notAnAddress(typed)));
    }

    /**
     * Several addresses, one per line (commas and spaces also separate them), as one table through /bulk. Only the
     * address literals are sent; the others get their row's problem here.
     */
    private static Response lookupAll(ApiClient api, Exchange exchange, String text) {
        List<String> typed = Arrays.stream(text.split("[\\s,]+")).filter(part -> !part.isEmpty()).toList();
        if (typed.isEmpty()) {
            return Pages.severalRefused(400, text, "Enter one or more IP addresses, one per line.");
        }
        if (typed.size() > Pages.MAX_SEVERAL) {
            return Pages.severalRefused(400, text, "At most " + Pages.MAX_SEVERAL + " addresses at once, not "
                    + typed.size() + ".");
        }
        List<Optional<IpAddress>> parsed = typed.stream().map(IpAddress::parse).toList();
        List<IpAddress> addresses = parsed.stream().flatMap(Optional::stream).toList();
        if (addresses.isEmpty()) {
            return Pages.severalRefused(400, text, typed.size() == 1
                    ? IpAddress.notAnAddress(typed.getFirst())
                    : "None of these is an IPv4 or IPv6 address.");
        }
        return switch (api.lookupAll(addresses, forwardedFor(exchange))) {
            case ApiAnswer.LocatedMany many -> Pages.several(text, typed, many.withRefusals(typed, parsed));
            case ApiAnswer.Refused refused -> RawJson.withRetryAfter(Pages.severalRefused(refused.status(), text,
                    refused.message()), refused.retryAfter());
            case ApiAnswer.Unavailable unavailable -> Pages.severalRefused(unavailable.status(), text,
                    unavailable.message());
        };
    }

    /** The landing page shows where the visitor is; a visitor without a public address just gets the form. */
    private static Response ownAddress(ApiClient api, Exchange exchange) {
        return switch (api.lookupVisitor(forwardedFor(exchange))) {
            case ApiAnswer.Located located -> Pages.location(located.location().path("ip").asText(), located);
            case ApiAnswer.Refused refused -> Pages.note("Your own address has no public location ("
                    + refused.message() + "). Enter an address above.");
            case ApiAnswer.Unavailable unavailable -> Pages.error(unavailable.status(), "", unavailable.message());
        };
    }

    /** The chain received so far, with the visitor's address as this server saw it appended, as proxies do. */
    private static String forwardedFor(Exchange exchange) {
        String visitor = exchange.client().canonical();
        String received = String.join(", ", exchange.request().headerValues("X-Forwarded-For"));
        return received.isBlank() ? visitor : received + ", " + visitor;
    }
}
