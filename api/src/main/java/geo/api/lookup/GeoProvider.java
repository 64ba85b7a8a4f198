package geo.api.lookup;

import geo.api.address.IpAddress;

/** A source of locations for public addresses. */
public interface GeoProvider {

    /** Looks the address up; answers {@link Found} (never cached) or a {@link Failure}, and never throws. */
    Outcome locate(IpAddress address);
}
