package geo.api.database;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.common.net.IpAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A database's answer in ipgeolocation.io's flat field names and order, with the country's metadata, currency and
 * time zone added. What the data does not know is left out, never written as "".
 */
final class LocationAnswer {

    private final CountryCatalog countries;

    LocationAnswer(CountryCatalog countries) {
        this.countries = countries;
    }

    ObjectNode of(IpAddress address, Place place, Optional<AutonomousSystem> network, Instant now) {
        Optional<Country> country = place.countryCode().flatMap(countries::byCode);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("ip", address.canonical());
        country.ifPresent(known -> answer.put("continent_code", known.continentCode()));
        place.continentName().or(() -> country.map(Country::continentName))
                .ifPresent(name -> answer.put("continent_name", name));
        place.countryCode().ifPresent(code -> answer.put("country_code2", code));
        country.ifPresent(known -> answer.put("country_code3", known.code3()));
        place.countryName().or(() -> country.map(Country::name)).ifPresent(name -> answer.put("country_name", name));
        country.ifPresent(known -> answer.put("country_capital", known.capital()));
        place.region().ifPresent(region -> answer.put("state_prov", region));
        place.district().ifPresent(district -> answer.put("district", district));
        place.city().ifPresent(city -> answer.put("city", city));
        place.postalCode().ifPresent(code -> answer.put("zipcode", code));
        place.coordinates().ifPresent(at -> {
            // ipgeolocation.io writes coordinates as strings.
            answer.put("latitude", decimal(at.latitude()));
            answer.put("longitude", decimal(at.longitude()));
        });
        place.accuracyRadiusKm().ifPresent(radius -> answer.put("accuracy_radius", radius));
        place.inEu().or(() -> country.map(Country::isEu)).ifPresent(inEu -> answer.put("is_eu", inEu));
        country.ifPresent(known -> {
            answer.put("calling_code", known.callingCode());
            answer.put("country_tld", known.tld());
            answer.put("languages", known.languages());
        });
        place.geonameId().ifPresent(id -> answer.put("geoname_id", Long.toString(id)));
        network.ifPresent(system -> {
            if (!system.organization().isEmpty()) {
                answer.put("isp", system.organization());
                answer.put("organization", system.organization());
            }
            answer.put("asn", system.asn());
        });
        country.flatMap(Country::currency).ifPresent(currency -> answer.putObject("currency")
                .put("code", currency.code())
                .put("name", currency.name())
                .put("symbol", currency.symbol()));
        zoneOf(place, country).ifPresent(zone -> answer.set("time_zone", TimeZoneFields.of(zone, now)));
        return answer;
    }

    /** The record's own zone when it names one, else the country's zone nearest to it. */
    private static Optional<ZoneId> zoneOf(Place place, Optional<Country> country) {
        if (place.timeZone().isPresent()) {
            try {
                return Optional.of(ZoneId.of(place.timeZone().get()));
            } catch (DateTimeException unknownZone) {
                // Fall through to the nearest zone of the country.
            }
        }
        if (country.isEmpty() || place.coordinates().isEmpty()) {
            return country.flatMap(known -> known.zones().stream().findFirst().map(Country.Zone::id));
        }
        Place.Coordinates at = place.coordinates().get();
        return country.get().zoneNearest(at.latitude(), at.longitude());
    }

    /** Floats as the file holds them (37.422, not 37.42200088500977). */
    private static String decimal(double value) {
        float asFloat = (float) value;
        return asFloat == value ? Float.toString(asFloat) : Double.toString(value);
    }
}
