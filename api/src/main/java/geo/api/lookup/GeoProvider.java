package geo.api.lookup;

import geo.common.net.IpAddress;
import java.util.List;

/** A source of locations for public addresses. */
public interface GeoProvider {

    /** Looks the address up; answers {@link Found} (never cached) or a {@link Failure}, and never throws. */
    Outcome locate(IpAddress address);

    /**
     * Looks several addresses up, answering in their order. This one asks one at a time; a provider with a bulk
     * endpoint asks them all in one call.
     */
    default List<Outcome> locateAll(List<IpAddress> addresses) {
        return addresses.stream().map(this::locate).toList();
    }
}
