package geo.common.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A name service for tests: names ending in {@code .geo-test} resolve to the addresses a test gives them (as a Swarm
 * service name in endpoint mode dnsrr resolves to its tasks), after a delay the test may set (as a DNS server that
 * does not answer); every other name goes to the system. Registered in META-INF/services of the tests.
 */
public final class TestNames extends InetAddressResolverProvider {

    private static final Map<String, List<InetAddress>> NAMES = new ConcurrentHashMap<>();
    private static final Map<String, Duration> DELAYS = new ConcurrentHashMap<>();

    /** From now on, the name resolves to these addresses. */
    public static void define(String name, InetAddress... addresses) {
        NAMES.put(name, List.of(addresses));
    }

    /** From now on, resolving the name takes this long. */
    public static void delay(String name, Duration delay) {
        DELAYS.put(name, delay);
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                if (!host.endsWith(".geo-test")) {
                    return system.lookupByName(host, policy);
                }
                sleep(DELAYS.getOrDefault(host, Duration.ZERO));
                List<InetAddress> addresses = NAMES.get(host);
                if (addresses == null) {
                    throw new UnknownHostException(host);
                }
                return addresses.stream();
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

    private static void sleep(Duration delay) throws UnknownHostException {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException("interrupted");
        }
    }
}
