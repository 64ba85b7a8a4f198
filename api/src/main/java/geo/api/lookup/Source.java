package geo.api.lookup;

import java.util.Optional;

/** Where a location came from, as the header {@code X-Source} names it. */
public enum Source {
    /** ipgeolocation.io's API. */
    IPGEOLOCATION("ipgeolocation.io"),
    /** DB-IP's IP to City Lite database, read offline. */
    DATABASE("dbip-lite");

    private final String label;

    Source(String label) {
        this.label = label;
    }

    /** The name in {@code X-Source} and in the cache. */
    public String label() {
        return label;
    }

    static Optional<Source> ofLabel(String label) {
        for (Source source : values()) {
            if (source.label.equals(label)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
