package geo.api.lookup;

import geo.common.net.IpAddress;
import geo.common.outage.OutageGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the primary provider, and the fallback when the primary fails as a service (no answer in time, a server error,
 * an exhausted quota, a refused key), so that an outage of ipgeolocation.io produces no errors for addresses the
 * offline database knows. After a failure it goes straight to the fallback for a while, letting one request at a time
 * probe the primary, so that an outage does not cost every request a timeout.
 */
public final class FallbackProvider implements GeoProvider {

    private static final Logger LOG = LoggerFactory.getLogger(FallbackProvider.class);

    private final GeoProvider primary;
    private final GeoProvider fallback;
    private final OutageGate primaryOutage;
    private final AtomicBoolean keyRejectionReported = new AtomicBoolean();

    /** @param retryInterval how long the fallback answers alone after a failure of the primary */
    public FallbackProvider(GeoProvider primary, GeoProvider fallback, Duration retryInterval) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.primaryOutage = OutageGate.of("ipgeolocation", LOG, retryInterval);
    }

    @Override
    public Outcome locate(IpAddress address, Language language) {
        if (primaryOutage.allowsCall()) {
            Outcome outcome = primary.locate(address, language);
            if (!(outcome instanceof Failure failure) || !isOutage(failure)) {
                primaryOutage.succeeded();
                keyRejectionReported.set(false);
                return outcome;
            }
            primaryOutage.failed(failure.message());
            if (failure instanceof Failure.KeyRejected && keyRejectionReported.compareAndSet(false, true)) {
                LOG.error("event=config_error setting=API_KEY error=\"ipgeolocation.io rejects the API key; "
                        + "answering from the offline database until the key is fixed\"");
            }
        }
        return fallback.locate(address, language);
    }

    /**
     * The primary's bulk answer, with each address that it failed as a service answered by the fallback instead.
     */
    @Override
    public List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
        if (!primaryOutage.allowsCall()) {
            return fallback.locateAll(addresses, language);
        }
        List<Outcome> outcomes = new ArrayList<>(primary.locateAll(addresses, language));
        Failure outage = null;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof Failure failure && isOutage(failure)) {
                outage = failure;
                outcomes.set(i, fallback.locate(addresses.get(i), language));
            }
        }
        if (outage == null) {
            primaryOutage.succeeded();
        } else {
            primaryOutage.failed(outage.message());
        }
        return outcomes;
    }

    /** Failures of the service rather than answers about the address: another source may well do better. */
    private static boolean isOutage(Failure failure) {
        return switch (failure) {
            case Failure.ProviderTimeout timeout -> true;
            case Failure.ProviderFailed failed -> true;
            case Failure.OverQuota overQuota -> true;
            case Failure.KeyRejected rejected -> true;
            case Failure.InvalidAddress invalid -> false;
            case Failure.NotPublic notPublic -> false;
            case Failure.NotFound notFound -> false;
        };
    }
}
