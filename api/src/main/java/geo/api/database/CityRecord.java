package geo.api.database;

import geo.api.lookup.Language;

/** A city database's record, as the MaxMind reader decodes it, in one of the two schemas. */
sealed interface CityRecord permits FlatCityRecord, GeoIp2CityRecord {

    /** What the record says, with names in {@code language} where it has them. */
    Place place(Language language);
}
