package geo.frontend;

import geo.common.config.ConfigException;
import geo.common.http.ShutdownHook;
import geo.common.net.DnsCache;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Starts geo-frontend from environment variables; a bad setting stops it with one line naming the variable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        DnsCache.keepAnswersBriefly();
        GeoFrontend frontend;
        try {
            FrontendConfig config = FrontendConfig.from(System.getenv());
            frontend = GeoFrontend.start(config, new InetSocketAddress(config.port()),
                    new InetSocketAddress(config.adminPort()));
        } catch (ConfigException | UncheckedIOException e) {
            System.err.println("geo-frontend: " + e.getMessage());
            System.exit(1);
            return;
        }
        ShutdownHook.register(frontend::close);
    }
}
