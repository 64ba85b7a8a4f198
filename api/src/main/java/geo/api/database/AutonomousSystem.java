package geo.api.database;

import java.util.Objects;

/**
 * The network an address belongs to: what ipgeolocation.io answers as {@code asn}, {@code organization} and
 * {@code isp}.
 *
 * @param number       the AS number
 * @param organization who holds it
 */
record AutonomousSystem(long number, String organization) {

    /** As ipgeolocation.io writes it: {@code AS15169}. */
    String asn() {
        return "AS" + number;
    }

    // Written out, since it keys the networks' kept fields: a record's own equals and hashCode are made through
    // method handles at their first call, about 10 ms of CPU in a fresh replica's first answer (async-profiler).
    @Override
    public boolean equals(Object other) {
        return other instanceof AutonomousSystem system && number == system.number
                && Objects.equals(organization, system.organization);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(number) + Objects.hashCode(organization);
    }
}
