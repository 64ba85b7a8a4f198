package geo.common.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Resolves one host name without ever keeping a caller longer than a bound. The JDK's resolver has no timeout of its
 * own: when Swarm's DNS does not know a name (a service whose only task just died), it asks the servers outside,
 * which on a closed network may take many seconds. Past the bound, the last addresses that resolved are returned
 * (the task may well still be there); without any, the name counts as unknown. A slow look-up goes on in the
 * background and serves the callers after it.
 */
public final class HostResolver {

    private final String host;
    private final Duration bound;
    private final AtomicReference<CompletableFuture<List<InetAddress>>> lookup = new AtomicReference<>();
    private volatile List<InetAddress> lastKnown = List.of();

    private HostResolver(String host, Duration bound) {
        this.host = host;
        this.bound = bound;
    }

    public static HostResolver of(String host, Duration bound) {
        return new HostResolver(Objects.requireNonNull(host, "host"), Objects.requireNonNull(bound, "bound"));
    }

    public String host() {
        return host;
    }

    /** The host's addresses, within the bound. */
    public List<InetAddress> addresses() throws UnknownHostException {
        try {
            List<InetAddress> addresses = currentLookup().get(bound.toNanos(), TimeUnit.NANOSECONDS);
            lastKnown = addresses;
            return addresses;
        } catch (TimeoutException | ExecutionException failed) {
            List<InetAddress> fallback = lastKnown;
            if (!fallback.isEmpty()) {
                return fallback;
            }
            throw new UnknownHostException(host + (failed instanceof TimeoutException
                    ? " did not resolve within " + bound.toMillis() + " ms"
                    : " is unknown"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted while resolving");
        }
    }

    /** The look-up in progress, or a new one; the JVM's own cache (see {@link DnsCache}) makes most instant. */
    private CompletableFuture<List<InetAddress>> currentLookup() {
        while (true) {
            CompletableFuture<List<InetAddress>> current = lookup.get();
            if (current != null && !current.isDone()) {
                return current;
            }
            CompletableFuture<List<InetAddress>> next = new CompletableFuture<>();
            if (lookup.compareAndSet(current, next)) {
                Thread.ofVirtual().name("resolve-" + host).start(() -> {
                    try {
                        next.complete(List.of(InetAddress.getAllByName(host)));
                    } catch (UnknownHostException | RuntimeException e) {
                        next.completeExceptionally(e);
                    }
                });
                return next;
            }
        }
    }
}
