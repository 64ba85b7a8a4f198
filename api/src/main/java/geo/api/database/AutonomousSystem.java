package geo.api.database;

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
}
