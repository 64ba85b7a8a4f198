package geo.frontend;

import geo.common.net.DnsCache;
import geo.common.net.HostResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The base URLs of geo-api, one per address its host name resolves to, in random order. In Swarm without a virtual
 * IP (endpoint mode dnsrr) each address is one task: spreading requests over them balances the load, and a task that
 * is gone is skipped by trying the next. An address that failed comes last for a few seconds, until Swarm's DNS has
 * dropped it, so that only the first request after a task is lost pays for trying it. With a virtual IP there is one
 * address, and this changes nothing.
 */
final class ApiAddresses {

    /** As long as the JVM keeps a DNS answer: after that, the answer itself no longer has a lost task. */
    private static final Duration REMEMBER_FAILURE = DnsCache.ANSWER_TTL;

    private final HostResolver resolver;
    private final int port;
    private final Map<URI, Long> failedUntilNanos = new ConcurrentHashMap<>();

    /** @param resolveWithin how long resolving the name may take before the last answer serves */
    ApiAddresses(URI api, Duration resolveWithin) {
        this.resolver = HostResolver.of(api.getHost(), resolveWithin);
        this.port = api.getPort();
    }

    /** Resolves the host name and shuffles the result, addresses that failed lately last. */
    List<URI> inRandomOrder() throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>(resolver.addresses());
        Collections.shuffle(addresses, ThreadLocalRandom.current());
        List<URI> bases = new ArrayList<>(addresses.size());
        List<URI> failedLately = new ArrayList<>();
        long now = System.nanoTime();
        for (InetAddress address : addresses) {
            String literal = address instanceof Inet6Address
                    ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
                    : address.getHostAddress();
            URI base = URI.create("http://" + literal + ":" + port + "/");
            Long until = failedUntilNanos.get(base);
            if (until != null && now - until < 0) {
                failedLately.add(base);
            } else {
                failedUntilNanos.remove(base);
                bases.add(base);
            }
        }
        bases.addAll(failedLately);
        return bases;
    }

    /** The address did not take a connection: try the others first for a while. */
    void failed(URI base) {
        failedUntilNanos.put(base, System.nanoTime() + REMEMBER_FAILURE.toNanos());
    }

    @Override
    public String toString() {
        return resolver.host() + ":" + port;
    }
}
