package geo.frontend;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A name service for the frontend's tests: names ending in {@code .geo-test} resolve to the addresses a test gives
 * them, as a Swarm service name in endpoint mode dnsrr resolves to its tasks; every other name goes to the system.
 */
public final class TestNames extends InetAddressResolverProvider {

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();

    /** From now on, the name resolves to these addresses. */
    static void define(String name, InetAddress... addresses) {
        NAMES.put(name, List.of(addresses));
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (host.endsWith(".geo-test")) {
                    List<InetAddress> addresses = NAMES.get(host);
                    if (addresses == null) {
                        throw new UnknownHostException(host);
                    }
                    return addresses.stream();
                }
                return system.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] address) throws UnknownHostException {
                return system.lookupByAddress(address);
            }
        };
    }

    @Override
    public String name() {
        return "geo test names";
    }
}
