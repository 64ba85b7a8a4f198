package geo.api.database;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import geo.api.lookup.Language;
import java.util.Optional;

/**
 * One record of the flat city schema of the ip-location-db files ({@code database_type} "city ipv4" or "city ipv6":
 * DB-IP's IP to City Lite, GeoLite2 City and others); absent fields are null, unknown ones "". Public only because
 * the MaxMind reader builds it by reflection.
 */
public record FlatCityRecord(
        @MaxMindDbParameter(name = "country_code") String countryCode,
        @MaxMindDbParameter(name = "state1") String state1,
        @MaxMindDbParameter(name = "state2") String state2,
        @MaxMindDbParameter(name = "city") String city,
        @MaxMindDbParameter(name = "postcode") String postcode,
        @MaxMindDbParameter(name = "latitude") Float latitude,
        @MaxMindDbParameter(name = "longitude") Float longitude,
        @MaxMindDbParameter(name = "timezone") String timezone) implements CityRecord {

    @MaxMindDbConstructor
    public FlatCityRecord {
    }

    /** The schema has no names in other languages, no accuracy radius and no GeoNames id. */
    @Override
    public Place place(Language language) {
        return new Place(Place.text(countryCode), Optional.empty(), Optional.empty(), Optional.empty(),
                Place.text(state1), Place.text(state2), Place.text(city), Place.text(postcode),
                latitude == null || longitude == null ? Optional.empty()
                        : Optional.of(new Place.Coordinates(latitude, longitude)),
                Optional.empty(), Place.text(timezone), Optional.empty());
    }
}
