package geo.api.database;

import com.maxmind.db.MaxMindDbConstructor;
import com.maxmind.db.MaxMindDbParameter;
import geo.api.lookup.Language;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record of the GeoIP2 City schema (MaxMind's GeoLite2-City and GeoIP2-City, DB-IP's own City Lite download):
 * nested objects with {@code names} by language. Only the parts geo answers with are read. Public, as are its
 * parts, only because the MaxMind reader builds them by reflection.
 */
public record GeoIp2CityRecord(
        @MaxMindDbParameter(name = "continent") Named continent,
        @MaxMindDbParameter(name = "country") Country country,
        @MaxMindDbParameter(name = "subdivisions") List<Named> subdivisions,
        @MaxMindDbParameter(name = "city") Named city,
        @MaxMindDbParameter(name = "postal") Postal postal,
        @MaxMindDbParameter(name = "location") Location location) implements CityRecord {

    @MaxMindDbConstructor
    public GeoIp2CityRecord {
    }

    /** A continent, subdivision or city: its names by language, and its GeoNames id. */
    public record Named(
            @MaxMindDbParameter(name = "names") Map<String, String> names,
            @MaxMindDbParameter(name = "geoname_id") Long geonameId) {

        @MaxMindDbConstructor
        public Named {
        }

        Optional<String> name(Language language) {
            return nameIn(names, language);
        }
    }

    public record Country(
            @MaxMindDbParameter(name = "iso_code") String isoCode,
            @MaxMindDbParameter(name = "names") Map<String, String> names,
            @MaxMindDbParameter(name = "is_in_european_union") Boolean inEu) {

        @MaxMindDbConstructor
        public Country {
        }
    }

    public record Postal(@MaxMindDbParameter(name = "code") String code) {

        @MaxMindDbConstructor
        public Postal {
        }
    }

    public record Location(
            @MaxMindDbParameter(name = "latitude") Double latitude,
            @MaxMindDbParameter(name = "longitude") Double longitude,
            @MaxMindDbParameter(name = "accuracy_radius") Integer accuracyRadius,
            @MaxMindDbParameter(name = "time_zone") String timeZone) {

        @MaxMindDbConstructor
        public Location {
        }
    }

    /** The name in {@code language} among a record's {@code names}, else the English one. */
    private static Optional<String> nameIn(Map<String, String> names, Language language) {
        if (names == null) {
            return Optional.empty();
        }
        return Place.text(names.get(language.databaseTag())).or(() -> Place.text(names.get("en")));
    }

    /** Names in {@code language} where the record has them, English otherwise. */
    @Override
    public Place place(Language language) {
        Optional<Country> nation = Optional.ofNullable(country);
        Optional<Location> where = Optional.ofNullable(location);
        List<Named> regions = subdivisions == null ? List.of() : subdivisions;
        return new Place(
                nation.map(Country::isoCode).flatMap(Place::text),
                nation.flatMap(known -> nameIn(known.names(), language)),
                Optional.ofNullable(continent).flatMap(known -> known.name(language)),
                nation.map(Country::inEu),
                regions.stream().findFirst().flatMap(region -> region.name(language)),
                regions.stream().skip(1).findFirst().flatMap(district -> district.name(language)),
                Optional.ofNullable(city).flatMap(known -> known.name(language)),
                Optional.ofNullable(postal).map(Postal::code).flatMap(Place::text),
                where.filter(known -> known.latitude() != null && known.longitude() != null)
                        .map(known -> new Place.Coordinates(known.latitude(), known.longitude())),
                where.map(Location::accuracyRadius),
                where.map(Location::timeZone).flatMap(Place::text),
                Optional.ofNullable(city).map(Named::geonameId));
    }
}
