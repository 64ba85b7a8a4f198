package geo.api.database;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;

/**
 * One record of DB-IP's IP to City Lite in the ip-location-db MMDB layout; absent fields are null. Public only because
 * the MaxMind reader builds it by reflection.
 */
public record DbipRecord(
        @MaxMindDbParameter(name = "country_code") String countryCode,
        @MaxMindDbParameter(name = "state1") String state1,
        @MaxMindDbParameter(name = "state2") String state2,
        @MaxMindDbParameter(name = "city") String city,
        @MaxMindDbParameter(name = "postcode") String postcode,
        @MaxMindDbParameter(name = "latitude") Float latitude,
        @MaxMindDbParameter(name = "longitude") Float longitude,
        @MaxMindDbParameter(name = "timezone") String timezone) {

    @MaxMindDbConstructor
    public DbipRecord {
    }
}
