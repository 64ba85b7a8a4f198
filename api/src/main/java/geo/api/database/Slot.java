package geo.api.database;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of the databases geo-api reads, whose file an update may replace while requests use it. A look-up takes a
 * {@link Lease} on the file in use; {@link #replace} makes the new file the one every later lease gets, in one step,
 * and the old file is closed when its last lease is given back, never under a look-up that still reads it.
 *
 * @param <D> what the slot holds: city or ASN data, which an update must not change
 */
final class Slot<D extends Dataset> {

    private static final Logger LOG = LoggerFactory.getLogger(Slot.class);

    /** A file in use, with where it came from. */
    record InUse<D extends Dataset>(D dataset, String origin, Instant since) {
    }

    private final String name;
    private final Class<D> role;
    private final AtomicReference<Lease<D>> current;

    /** @param name the slot's file name, which a downloaded replacement keeps in the work folder */
    Slot(String name, Class<D> role, D first, String origin, Instant since) {
        this.name = name;
        this.role = role;
        this.current = new AtomicReference<>(new Lease<>(new InUse<>(first, origin, since)));
    }

    String name() {
        return name;
    }

    Class<D> role() {
        return role;
    }

    /** The file in use now, to look up in until the lease is closed. */
    Lease<D> lease() {
        while (true) {
            Lease<D> lease = current.get();
            if (lease.acquire()) {
                return lease;
            }
            if (current.get() == lease) {
                throw new IllegalStateException("the database " + name + " is closed");
            }
            // It was replaced and closed between the two lines: the next one is already in place.
        }
    }

    InUse<D> inUse() {
        return current.get().inUse;
    }

    /** From now on look-ups read {@code next}; the file it replaces is closed once no look-up reads it. */
    void replace(D next, String origin, Instant since) {
        current.getAndSet(new Lease<>(new InUse<>(next, origin, since))).close();
    }

    /** At shutdown: the file in use is closed once the look-ups still reading it are done. */
    void close() {
        current.get().close();
    }

    /**
     * A hold on a file in use, counted: the slot itself holds one until the file is replaced, and each look-up one
     * until it is done. The last to let go closes the file.
     */
    static final class Lease<D extends Dataset> implements AutoCloseable {
        private final InUse<D> inUse;
        private final AtomicInteger holders = new AtomicInteger(1);

        private Lease(InUse<D> inUse) {
            this.inUse = inUse;
        }

        D dataset() {
            return inUse.dataset();
        }

        private boolean acquire() {
            int now;
            do {
                now = holders.get();
                if (now == 0) {
                    return false;
                }
            } while (!holders.compareAndSet(now, now + 1));
            return true;
        }

        @Override
        public void close() {
            if (holders.decrementAndGet() == 0) {
                try {
                    inUse.dataset().close();
                    LOG.info("event=database_closed from=\"{}\"", inUse.origin());
                } catch (RuntimeException e) {
                    LOG.warn("event=database_close_error from=\"{}\" error=\"{}\"", inUse.origin(), e.getMessage());
                }
            }
        }
    }
}
