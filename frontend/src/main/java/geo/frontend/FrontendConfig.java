package geo.frontend;

import geo.common.config.ConfigException;
import geo.common.config.Env;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * geo-frontend's settings, read from environment variables and validated at start-up.
 *
 * @param port          {@code APP_PORT}: where geo-frontend listens
 * @param adminPort     {@code ADMIN_PORT}: where operators find /health, /ready and /metrics
 * @param api           {@code API_SERVER} and {@code API_SERVER_PORT}: the base URL of geo-api
 * @param apiTimeout    {@code API_TIMEOUT}: how long one call to geo-api may take
 * @param shutdownGrace {@code SHUTDOWN_GRACE}: how long requests in flight may finish after SIGTERM
 */
public record FrontendConfig(int port, int adminPort, URI api, Duration apiTimeout, Duration shutdownGrace) {

    public static final int DEFAULT_PORT = 8080;
    /** Prometheus's own default port, which swarm-setup.sh publishes on no node. */
    public static final int DEFAULT_ADMIN_PORT = 9090;
    public static final int DEFAULT_API_SERVER_PORT = 8080;
    /** Longer than geo-api's own provider timeout, so that geo-api's 504 arrives before ours. */
    public static final Duration DEFAULT_API_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * How long connecting to one of geo-api's addresses may take. A replica on the same network answers in
     * milliseconds; one that has just vanished never does, and the next address should be tried long before the
     * visitor gives up.
     */
    public static final Duration API_CONNECT_TIMEOUT = Duration.ofSeconds(1);

    public FrontendConfig {
        if (adminPort == port) {
            throw Env.invalid("ADMIN_PORT", Integer.toString(adminPort), "a port other than APP_PORT's");
        }
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(apiTimeout, "apiTimeout");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    }

    /** Reads and checks every setting; the first bad one throws a {@link ConfigException} naming it. */
    public static FrontendConfig from(Map<String, String> variables) {
        Env env = Env.of(variables);
        String apiServer = env.required("API_SERVER", "the host name of geo-api, e.g. geo-api or localhost");
        int apiPort = env.port("API_SERVER_PORT", DEFAULT_API_SERVER_PORT);
        return new FrontendConfig(
                env.port("APP_PORT", DEFAULT_PORT),
                env.port("ADMIN_PORT", DEFAULT_ADMIN_PORT),
                apiUri(apiServer, apiPort),
                env.duration("API_TIMEOUT", DEFAULT_API_TIMEOUT),
                env.duration("SHUTDOWN_GRACE", DEFAULT_SHUTDOWN_GRACE));
    }

    private static URI apiUri(String host, int port) {
        try {
            URI uri = new URI("http", null, host, port, "/", null, null);
            if (uri.getHost() == null) {
                throw Env.invalid("API_SERVER", host, "a host name or address, without scheme or port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Env.invalid("API_SERVER", host, "a host name or address, without scheme or port");
        }
    }
}
