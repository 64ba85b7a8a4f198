package geo.api.lookup;

import geo.common.net.IpAddress;
import java.util.List;

/** A source of locations for public addresses. */
public interface GeoProvider {

    /**
     * Looks the address up, with place names in {@code language} where the source has them; answers {@link Found}
     * (never cached) or a {@link Failure}, and never throws.
     */
    Outcome locate(IpAddress address, Language language);

    /**
     * Looks several addresses up, answering in their order. This one asks one at a time; a provider with a bulk
     * endpoint asks them all in one call.
     */
    default List<Outcome> locateAll(List<IpAddress> addresses, Language language) {
        return addresses.stream().map(address -> locate(address, language)).toList();
    }
}
