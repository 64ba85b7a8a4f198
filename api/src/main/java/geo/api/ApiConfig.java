package geo.api;

import geo.api.address.Cidr;
import geo.api.database.DatabaseUpdates;
import geo.api.key.ApiKey;
import geo.api.key.KeySource;
import geo.api.provider.ApiVersion;
import geo.common.redis.RedisSettings;
import geo.common.config.ConfigException;
import geo.common.config.Env;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * geo-api's settings, read from environment variables and validated at start-up.
 *
 * @param port            {@code APP_PORT}: where geo-api listens
 * @param adminPort       {@code ADMIN_PORT}: where operators find /health, /ready with its details, and /metrics
 * @param redis           {@code REDIS_HOST}, {@code REDIS_PORT}, {@code REDIS_TIMEOUT}: the shared cache; empty for an
 *                        in-memory cache in this process
 * @param nearCacheSize   {@code NEAR_CACHE_SIZE}: how many answers each replica keeps in front of Redis; 0 for none
 * @param nearCacheTtl    {@code NEAR_CACHE_TTL}: how long it keeps each
 * @param cacheTtl        {@code CACHE_TTL}: how long a location stays cached
 * @param rateLimit       {@code RATE_LIMIT}: look-ups a minute allowed per client address; 0 for no limit
 * @param bulkMax         {@code BULK_MAX}: addresses allowed in one {@code POST /bulk}
 * @param providerUrl     {@code IPGEOLOCATION_URL}: ipgeolocation.io, or a stand-in
 * @param apiVersion      {@code IPGEOLOCATION_API_VERSION}: which answer shape to ask for
 * @param providerTimeout {@code PROVIDER_TIMEOUT}: how long one provider call may take
 * @param keySource       {@code API_KEY}, {@code API_KEY_FILE} or {@code API_KEY_FROM_SECRETSMANAGER}: the key, if any
 * @param provider        {@code PROVIDER}: ipgeolocation.io, the offline database, or both
 * @param geoDb           {@code GEO_DB}: the offline database's files and folders; empty for the default places
 * @param databaseUpdates {@code GEO_DB_UPDATE_*} and {@code GEO_DB_WORK}: how the database files stay fresh
 * @param fallbackTtl     {@code FALLBACK_TTL}: how long a database answer standing in for ipgeolocation.io is cached
 * @param providerRetry   {@code PROVIDER_RETRY}: after ipgeolocation.io failed, how long the database answers alone
 * @param trustedProxies  {@code TRUSTED_PROXIES}: whose {@code X-Forwarded-For} is believed
 * @param shutdownGrace   {@code SHUTDOWN_GRACE}: how long requests in flight may finish after SIGTERM
 * @param hostName        {@code HOSTNAME}: the replica's name, shown as {@code apiServer}
 */
public record ApiConfig(
        int port,
        int adminPort,
        Optional<RedisSettings> redis,
        int nearCacheSize,
        Duration nearCacheTtl,
        Duration cacheTtl,
        int rateLimit,
        int bulkMax,
        URI providerUrl,
        ApiVersion apiVersion,
        Duration providerTimeout,
        Optional<KeySource> keySource,
        ProviderMode provider,
        List<Path> geoDb,
        DatabaseUpdates databaseUpdates,
        Duration fallbackTtl,
        Duration providerRetry,
        List<Cidr> trustedProxies,
        Duration shutdownGrace,
        String hostName) {

    public static final int DEFAULT_PORT = 8080;
    /** Prometheus's own default port, which swarm-setup.sh publishes on no node. */
    public static final int DEFAULT_ADMIN_PORT = 9090;
    public static final int DEFAULT_REDIS_PORT = 6379;
    public static final Duration DEFAULT_REDIS_TIMEOUT = Duration.ofMillis(250);
    public static final Duration DEFAULT_CACHE_TTL = Duration.ofDays(1);
    /** Enough for the busiest addresses, at a few kilobytes each. */
    public static final int DEFAULT_NEAR_CACHE_SIZE = 10_000;
    public static final Duration DEFAULT_NEAR_CACHE_TTL = Duration.ofSeconds(30);
    /** Off: a public deployment sets a limit that fits its traffic. */
    public static final int DEFAULT_RATE_LIMIT = 0;
    public static final int DEFAULT_BULK_MAX = 1_000;
    public static final URI DEFAULT_PROVIDER_URL = URI.create("https://api.ipgeolocation.io");
    public static final ApiVersion DEFAULT_API_VERSION = ApiVersion.V2;
    public static final Duration DEFAULT_PROVIDER_TIMEOUT = Duration.ofSeconds(2);
    public static final ProviderMode DEFAULT_PROVIDER = ProviderMode.AUTO;
    public static final Duration DEFAULT_FALLBACK_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_PROVIDER_RETRY = Duration.ofSeconds(5);
    /** Loopback and the private ranges: where Swarm's ingress, sidecars and cloud load balancers sit. */
    public static final String DEFAULT_TRUSTED_PROXIES = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,"
            + "192.168.0.0/16,fc00::/7";
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    public static final Duration DEFAULT_GEO_DB_UPDATE_INTERVAL = Duration.ofDays(1);
    /** Room for the largest city databases (GeoIP2-City is some 130 MB), compressed or not. */
    public static final int DEFAULT_GEO_DB_UPDATE_MAX_MB = 1024;
    public static final Duration DEFAULT_GEO_DB_UPDATE_TIMEOUT = Duration.ofMinutes(10);
    /** A folder of the task itself, which lasts as long as its container. */
    public static final Path DEFAULT_GEO_DB_WORK = Path.of(System.getProperty("java.io.tmpdir"), "geo-db");

    /** The in-memory cache's bound: at a few kilobytes per location, some tens of megabytes. */
    public static final int MEMORY_CACHE_ENTRIES = 10_000;

    public ApiConfig {
        if (adminPort == port) {
            throw Env.invalid("ADMIN_PORT", Integer.toString(adminPort), "a port other than APP_PORT's");
        }
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(nearCacheTtl, "nearCacheTtl");
        Objects.requireNonNull(cacheTtl, "cacheTtl");
        Objects.requireNonNull(providerUrl, "providerUrl");
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(providerTimeout, "providerTimeout");
        Objects.requireNonNull(keySource, "keySource");
        Objects.requireNonNull(provider, "provider");
        geoDb = List.copyOf(geoDb);
        Objects.requireNonNull(databaseUpdates, "databaseUpdates");
        Objects.requireNonNull(fallbackTtl, "fallbackTtl");
        Objects.requireNonNull(providerRetry, "providerRetry");
        if (provider == ProviderMode.IPGEOLOCATION && keySource.isEmpty()) {
            throw new ConfigException("PROVIDER=ipgeolocation needs an ipgeolocation.io API key: set API_KEY, "
                    + "API_KEY_FILE, or API_KEY_FROM_SECRETSMANAGER=True with SECRET_NAME, SECRET_KEY and REGION_NAME");
        }
        trustedProxies = List.copyOf(trustedProxies);
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(hostName, "hostName");
    }

    /** Reads and checks every setting; the first bad one throws a {@link ConfigException} naming it. */
    public static ApiConfig from(Map<String, String> variables) {
        Env env = Env.of(variables);
        return new ApiConfig(
                env.port("APP_PORT", DEFAULT_PORT),
                env.port("ADMIN_PORT", DEFAULT_ADMIN_PORT),
                redis(env),
                env.count("NEAR_CACHE_SIZE", DEFAULT_NEAR_CACHE_SIZE),
                env.duration("NEAR_CACHE_TTL", DEFAULT_NEAR_CACHE_TTL),
                env.duration("CACHE_TTL", DEFAULT_CACHE_TTL),
                env.count("RATE_LIMIT", DEFAULT_RATE_LIMIT),
                env.positiveInt("BULK_MAX", DEFAULT_BULK_MAX),
                env.httpUri("IPGEOLOCATION_URL", DEFAULT_PROVIDER_URL),
                env.choice("IPGEOLOCATION_API_VERSION", ApiVersion.class, DEFAULT_API_VERSION),
                env.duration("PROVIDER_TIMEOUT", DEFAULT_PROVIDER_TIMEOUT),
                keySource(env),
                env.choice("PROVIDER", ProviderMode.class, DEFAULT_PROVIDER),
                geoDb(env),
                databaseUpdates(env),
                env.duration("FALLBACK_TTL", DEFAULT_FALLBACK_TTL),
                env.duration("PROVIDER_RETRY", DEFAULT_PROVIDER_RETRY),
                trustedProxies(env),
                env.duration("SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE),
                env.string("HOSTNAME").orElseGet(ApiConfig::localHostName));
    }

    private static Optional<RedisSettings> redis(Env env) {
        int port = env.port("REDIS_PORT", DEFAULT_REDIS_PORT);
        Duration timeout = env.duration("REDIS_TIMEOUT", DEFAULT_REDIS_TIMEOUT);
        return env.string("REDIS_HOST").map(host -> new RedisSettings(host, port, timeout));
    }

    private static List<Path> geoDb(Env env) {
        return env.string("GEO_DB").stream().flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip).filter(item -> !item.isEmpty()).map(Path::of).toList();
    }

    private static DatabaseUpdates databaseUpdates(Env env) {
        List<Optional<DatabaseUpdates.Source>> sources = new ArrayList<>();
        Optional<String> urls = env.string("GEO_DB_UPDATE_URL");
        if (urls.isPresent()) {
            String[] items = urls.get().split(",", -1);
            for (int i = 0; i < items.length; i++) {
                int place = i + 1;
                sources.add(Optional.of(items[i].strip()).filter(url -> !url.isEmpty())
                        .map(url -> updateSource(place, url)));
            }
        }
        Optional<Duration> interval = env.string("GEO_DB_UPDATE_INTERVAL")
                .filter(value -> value.equalsIgnoreCase("off")).isPresent() ? Optional.empty()
                : Optional.of(env.duration("GEO_DB_UPDATE_INTERVAL", DEFAULT_GEO_DB_UPDATE_INTERVAL));
        Optional<String> user = env.string("GEO_DB_UPDATE_USER");
        Optional<Path> passwordFile = env.string("GEO_DB_UPDATE_PASSWORD_FILE").map(Path::of);
        if (user.isPresent() != passwordFile.isPresent()) {
            throw new ConfigException("GEO_DB_UPDATE_USER and GEO_DB_UPDATE_PASSWORD_FILE go together: set both to "
                    + "log in to the download, or neither");
        }
        if (user.isPresent() && sources.stream().flatMap(Optional::stream).anyMatch(source -> !isSafeForPassword(
                source))) {
            throw new ConfigException("GEO_DB_UPDATE_URL must hold https:// URLs only when GEO_DB_UPDATE_USER is "
                    + "set, so that the password never travels in clear");
        }
        return new DatabaseUpdates(sources, interval, user, passwordFile,
                env.string("GEO_DB_WORK").map(Path::of).orElse(DEFAULT_GEO_DB_WORK),
                env.positiveInt("GEO_DB_UPDATE_MAX_MB", DEFAULT_GEO_DB_UPDATE_MAX_MB) * 1024L * 1024L,
                env.duration("GEO_DB_UPDATE_TIMEOUT", DEFAULT_GEO_DB_UPDATE_TIMEOUT));
    }

    /**
     * A URL template, checked with this month put in. The error names its place in the list but not the URL, which
     * may hold a licence key in its query.
     */
    private static DatabaseUpdates.Source updateSource(int place, String template) {
        DatabaseUpdates.Source source = new DatabaseUpdates.Source(template);
        try {
            URI uri = source.uri(YearMonth.now(ZoneOffset.UTC));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return source;
            }
        } catch (IllegalArgumentException malformed) {
            // Reported below with the expected form.
        }
        throw new ConfigException("GEO_DB_UPDATE_URL is invalid: its URL number " + place + " is not an http:// or "
                + "https:// URL with a host; expected comma-separated URLs of .mmdb, .mmdb.gz or .tar.gz files, one per "
                + "file of GEO_DB, in which " + DatabaseUpdates.Source.MONTH + " stands for the current month");
    }

    /** https, or plain http to this machine itself (a stand-in in tests). */
    private static boolean isSafeForPassword(DatabaseUpdates.Source source) {
        URI uri = source.uri(YearMonth.now(ZoneOffset.UTC));
        return uri.getScheme().equalsIgnoreCase("https") || uri.getHost().equals("127.0.0.1")
                || uri.getHost().equals("localhost") || uri.getHost().equals("[::1]");
    }

    private static Optional<KeySource> keySource(Env env) {
        Optional<String> direct = env.string("API_KEY");
        if (direct.isPresent()) {
            return Optional.of(new KeySource.Direct(ApiKey.of(direct.get())));
        }
        Optional<String> file = env.string("API_KEY_FILE");
        if (file.isPresent()) {
            return Optional.of(new KeySource.KeyFile(Path.of(file.get())));
        }
        if (env.bool("API_KEY_FROM_SECRETSMANAGER", false)) {
            String with = "with API_KEY_FROM_SECRETSMANAGER=True it ";
            return Optional.of(new KeySource.SecretsManager(
                    env.required("SECRET_NAME", with + "names the secret that holds the key"),
                    env.required("SECRET_KEY", with + "names the JSON field of the secret that holds the key"),
                    env.required("REGION_NAME", with + "names the AWS region of the secret, e.g. us-east-1"),
                    env.httpUri("AWS_ENDPOINT_URL_SECRETS_MANAGER").or(() -> env.httpUri("AWS_ENDPOINT_URL"))));
        }
        return Optional.empty();
    }

    private static List<Cidr> trustedProxies(Env env) {
        String value = env.string("TRUSTED_PROXIES", DEFAULT_TRUSTED_PROXIES);
        if (value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Cidr> blocks = new ArrayList<>();
        for (String item : value.split(",")) {
            blocks.add(Cidr.parse(item.strip()).orElseThrow(() -> Env.invalid("TRUSTED_PROXIES", value,
                    "a comma-separated list of addresses or CIDR blocks such as 10.0.0.0/8,fd00::/8, or none")));
        }
        return blocks;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}
