package geo.api.database;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What geo-api knows of a country, keyed by its ISO 3166-1 alpha-2 code.
 *
 * @param code2         ISO alpha-2, e.g. {@code US}
 * @param code3         ISO alpha-3, e.g. {@code USA}; empty when the JDK knows none
 * @param name          English name, e.g. {@code United States}
 * @param continentCode e.g. {@code NA}
 * @param continentName e.g. {@code North America}
 * @param capital       e.g. {@code Washington D.C.}
 * @param callingCode   e.g. {@code +1}; empty when none
 * @param tld           the country-code top-level domain, e.g. {@code .us}
 * @param languages     language codes, comma-separated, e.g. {@code en}
 * @param isEu          whether it is a member state of the European Union
 * @param currency      its currency, when it has one
 * @param zones         its time zones with the places that name them
 */
record Country(
        String code2,
        String code3,
        String name,
        String continentCode,
        String continentName,
        String capital,
        String callingCode,
        String tld,
        String languages,
        boolean isEu,
        Optional<CountryCurrency> currency,
        List<Zone> zones) {

    /** A currency as ipgeolocation.io describes it. */
    record CountryCurrency(String code, String name, String symbol) {
    }

    /**
     * A time zone of the country and the position of the place it is named after (zone.tab's principal city).
     *
     * @param shownAs the zone named for places near this one's city: among the country's zones that keep the same
     *                clock, the one the tz database marks as the region's main one ("most of Germany"), or the
     *                first listed; Frankfurt is nearer to Büsingen's city than to Berlin, but is in Europe/Berlin
     */
    record Zone(ZoneId id, ZoneId shownAs, double latitude, double longitude) {
    }

    Country {
        zones = List.copyOf(zones);
    }

    /** The country's time zone whose principal city is nearest to the position, by the name people expect. */
    Optional<ZoneId> zoneNearest(double latitude, double longitude) {
        Zone nearest = null;
        double nearestDistance = Double.MAX_VALUE;
        for (Zone zone : zones) {
            double distance = angularDistance(latitude, longitude, zone.latitude(), zone.longitude());
            if (distance < nearestDistance) {
                nearest = zone;
                nearestDistance = distance;
            }
        }
        return Optional.ofNullable(nearest).map(Zone::shownAs);
    }

    /** The central angle between two positions (haversine); only compared, so no earth radius. */
    private static double angularDistance(double latitude1, double longitude1, double latitude2, double longitude2) {
        double phi1 = Math.toRadians(latitude1);
        double phi2 = Math.toRadians(latitude2);
        double deltaPhi = phi2 - phi1;
        double deltaLambda = Math.toRadians(longitude2 - longitude1);
        double a = Math.sin(deltaPhi / 2) * Math.sin(deltaPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(deltaLambda / 2) * Math.sin(deltaLambda / 2);
        return 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
