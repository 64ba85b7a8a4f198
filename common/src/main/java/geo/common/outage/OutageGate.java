package geo.common.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Remembers that a dependency is down so that callers skip it instead of each waiting for a timeout, lets one caller
 * at a time probe it again after a pause, and logs the start and the end of each outage once.
 */
final class OutageGate {

    private final String dependency;
    private final Logger log;
    private final long retryNanos;
    private final LongSupplier nanoClock;
    private final AtomicBoolean down = new AtomicBoolean();
    private final AtomicLong nextProbeNanos = new AtomicLong();

    OutageGate(String dependency, Logger log, Duration retryInterval, LongSupplier nanoClock) {
        this.dependency = dependency;
        this.log = log;
        this.retryNanos = retryInterval.toNanos();
        this.nanoClock = nanoClock;
    }

    /** True when the dependency is up, or when it is down and this caller is the one chosen to probe it. */
    boolean allowsCall() {
        if (!down.get()) {
            return true;
        }
        long next = nextProbeNanos.get();
        long now = nanoClock.getAsLong();
        return now - next >= 0 && nextProbeNanos.compareAndSet(next, now + retryNanos);
    }

    void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("event={}_up", dependency);
        }
    }

    void failed(Exception cause) {
        nextProbeNanos.set(nanoClock.getAsLong() + retryNanos);
        if (down.compareAndSet(false, true)) {
            log.warn("event={}_down error=\"{}\" retry_every={}", dependency, describe(cause),
                    Duration.ofNanos(retryNanos));
        }
    }

    boolean isDown() {
        return down.get();
    }

    private static String describe(Exception cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().replace('"', '\'');
        return root.getClass().getSimpleName() + message;
    }
}
