package geo.frontend;

import geo.common.net.HostResolver;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The base URLs of geo-api, one per address its host name resolves to, in random order. In Swarm without a virtual
 * IP (endpoint mode dnsrr) each address is one task: spreading requests over them balances the load, and a task that
 * is gone is skipped by trying the next. With a virtual IP there is one address, and this changes nothing.
 */
final class ApiAddresses {

    private final HostResolver resolver;
    private final int port;

    /** @param resolveWithin how long resolving the name may take before the last answer serves */
    ApiAddresses(URI api, Duration resolveWithin) {
        this.resolver = HostResolver.of(api.getHost(), resolveWithin);
        this.port = api.getPort();
    }

    /** Resolves the host name (the JVM keeps answers a few seconds, see {@code DnsCache}) and shuffles the result. */
    List<URI> inRandomOrder() throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>(resolver.addresses());
        Collections.shuffle(addresses, ThreadLocalRandom.current());
        List<URI> bases = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            String literal = address instanceof Inet6Address
                    ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
                    : address.getHostAddress();
            bases.add(URI.create("http://" + literal + ":" + port + "/"));
        }
        return bases;
    }

    @Override
    public String toString() {
        return resolver.host() + ":" + port;
    }
}
