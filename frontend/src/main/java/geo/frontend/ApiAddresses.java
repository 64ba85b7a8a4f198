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
import java.util.function.LongSupplier;

/**
 * The base URLs of geo-api, one per address its host name resolves to, in random order. In Swarm without a virtual
 * IP (endpoint mode dnsrr) each address is one task: spreading requests over them balances the load, and a task that
 * is gone is skipped by trying the next. An address that failed comes last for a few seconds, until Swarm's DNS has
 * dropped it, so that only the first request after a task is lost pays for trying it. A lost task's address can
 * also keep coming back for longer (the swarm drills saw a connect timeout every few seconds after a node rejoined):
 * an address that fails again when it is tried again comes last for twice as long each time, up to a minute, until
 * it answers. With a virtual IP there is one address, and this changes nothing.
 */
final class ApiAddresses {

    /** As long as the JVM keeps a DNS answer: after that, the answer itself no longer has a lost task. */
    private static final Duration REMEMBER_FAILURE = DnsCache.ANSWER_TTL;
    /** The longest an address that keeps failing is put last. */
    private static final Duration REMEMBER_AT_MOST = Duration.ofMinutes(1);

    /** How often an address failed in a row, and until when it comes last. */
    private record Failures(int inARow, long lastUntilNanos) {
    }

    private final HostResolver resolver;
    private final int port;
    private final LongSupplier nanoClock;
    private final Map<URI, Failures> failures = new ConcurrentHashMap<>();

    /** @param resolveWithin how long resolving the name may take before the last answer serves */
    ApiAddresses(URI api, Duration resolveWithin) {
        this(api, resolveWithin, System::nanoTime);
    }

    ApiAddresses(URI api, Duration resolveWithin, LongSupplier nanoClock) {
        this.resolver = HostResolver.of(api.getHost(), resolveWithin);
        this.port = api.getPort();
        this.nanoClock = nanoClock;
    }

    /** Resolves the host name and shuffles the result, addresses that failed lately last. */
    List<URI> inRandomOrder() throws UnknownHostException {
        List<InetAddress> addresses = new ArrayList<>(resolver.addresses());
        Collections.shuffle(addresses, ThreadLocalRandom.current());
        List<URI> bases = new ArrayList<>(addresses.size());
        List<URI> failedLately = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (InetAddress address : addresses) {
            String literal = address instanceof Inet6Address
                    ? "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]"
                    : address.getHostAddress();
            URI base = URI.create("http://" + literal + ":" + port + "/");
            Failures failed = failures.get(base);
            if (failed != null && now - failed.lastUntilNanos() < 0) {
                failedLately.add(base);
            } else {
                bases.add(base);
            }
        }
        bases.addAll(failedLately);
        return bases;
    }

    /**
     * The address did not take a connection: try the others first for a while, twice as long as last time when it
     * failed again as soon as it was tried again.
     */
    void failed(URI base) {
        long now = nanoClock.getAsLong();
        // Only failures add entries, so here, off the path of every look-up, those not renewed for a while (the
        // address answered in between, or DNS dropped it) are forgotten: what is left failed in a row.
        failures.values().removeIf(failed -> now - failed.lastUntilNanos() >= REMEMBER_AT_MOST.toNanos());
        failures.compute(base, (key, before) -> {
            int inARow = before == null ? 1 : before.inARow() + 1;
            Duration remember = REMEMBER_FAILURE.multipliedBy(1L << Math.min(inARow - 1, 16));
            return new Failures(inARow, now + Math.min(remember.toNanos(), REMEMBER_AT_MOST.toNanos()));
        });
    }

    /** The address answered: whatever it failed before is forgotten. */
    void answered(URI base) {
        failures.remove(base);
    }

    @Override
    public String toString() {
        return resolver.host() + ":" + port;
    }
}
