package geo.api;

import geo.common.config.ConfigException;
import geo.common.http.ShutdownHook;
import geo.common.net.DnsCache;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** Starts geo-api from environment variables; a bad setting stops it with one line naming the variable. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        DnsCache.keepAnswersBriefly();
        GeoApi api;
        try {
            ApiConfig config = ApiConfig.from(System.getenv());
            api = GeoApi.start(config, new InetSocketAddress(config.port()),
                    new InetSocketAddress(config.adminPort()));
        } catch (ConfigException | UncheckedIOException e) {
            System.err.println("geo-api: " + e.getMessage());
            System.exit(1);
            return;
        }
        ShutdownHook.register(api::close);
    }
}
