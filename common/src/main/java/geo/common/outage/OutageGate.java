package geo.common.outage;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Remembers that a dependency is down so that callers skip it instead of each waiting for it to fail, lets one caller
 * at a time probe it again after a pause, and logs the start and the end of each outage once.
 */
public final class OutageGate {

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

    /**
     * @param dependency    its name in the log lines, e.g. {@code redis} gives {@code event=redis_down}
     * @param log           where the start and end of outages are logged
     * @param retryInterval how long callers skip the dependency after a failure before one of them probes it again
     */
    public static OutageGate of(String dependency, Logger log, Duration retryInterval) {
        Objects.requireNonNull(dependency, "dependency");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(retryInterval, "retryInterval");
        return new OutageGate(dependency, log, retryInterval, System::nanoTime);
    }

    /** True when the dependency is up, or when it is down and this caller is the one chosen to probe it. */
    public boolean allowsCall() {
        if (!down.get()) {
            return true;
        }
        long next = nextProbeNanos.get();
        long now = nanoClock.getAsLong();
        return now - next >= 0 && nextProbeNanos.compareAndSet(next, now + retryNanos);
    }

    public void succeeded() {
        if (down.compareAndSet(true, false)) {
            log.info("event={}_up", dependency);
        }
    }

    /**
     * Records a failure; the first of an outage is logged with its reason, which must hold no secret.
     *
     * @return true when this failure started the outage
     */
    public boolean failed(String reason) {
        nextProbeNanos.set(nanoClock.getAsLong() + retryNanos);
        if (down.compareAndSet(false, true)) {
            log.warn("event={}_down error=\"{}\" retry_every={}", dependency, reason.replace('"', '\''),
                    Duration.ofNanos(retryNanos));
            return true;
        }
        return false;
    }

    public boolean isDown() {
        return down.get();
    }
}
