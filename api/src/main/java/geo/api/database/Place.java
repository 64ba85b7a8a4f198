package geo.api.database;

import java.util.Optional;

/**
 * What a city database says of an address, whatever its schema: names in the language asked for where the file has
 * them. Text a file leaves empty is absent here, so that it never becomes a field.
 *
 * @param countryCode     ISO 3166-1 alpha-2
 * @param countryName     the file's own name for the country; the country catalog's English one otherwise
 * @param continentName   the file's own name for the continent
 * @param inEu            whether the file says the country is in the European Union
 * @param region          the first-level subdivision (state, province)
 * @param district        the second-level subdivision
 * @param city            the city
 * @param postalCode      the postal code
 * @param coordinates     latitude and longitude
 * @param accuracyRadiusKm how far from the coordinates the address may be, in kilometres
 * @param timeZone        the IANA time zone the file names
 * @param geonameId       the city's GeoNames id
 */
record Place(
        Optional<String> countryCode,
        Optional<String> countryName,
        Optional<String> continentName,
        Optional<Boolean> inEu,
        Optional<String> region,
        Optional<String> district,
        Optional<String> city,
        Optional<String> postalCode,
        Optional<Coordinates> coordinates,
        Optional<Integer> accuracyRadiusKm,
        Optional<String> timeZone,
        Optional<Long> geonameId) {

    /** A point on the globe, as the file gives it. */
    record Coordinates(double latitude, double longitude) {
    }

    /** Text that is absent when empty: the flat files write "" for what they do not know. */
    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
