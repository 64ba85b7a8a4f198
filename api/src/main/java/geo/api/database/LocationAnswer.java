package geo.api.database;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import geo.api.lookup.Language;
import geo.common.json.Json;
import geo.common.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A database's answer in ipgeolocation.io's flat field names and order, with the country's metadata, currency and
 * time zone added. What the data does not know is left out, never written as "". What a record gives is put
 * together once ({@link #fieldsOf}, kept by the file the record is in); only the address, the network and the time
 * zone's clock are added for each answer.
 */
final class LocationAnswer {

    private static final byte[] IP = "{\"ip\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_ZONE = ",\"time_zone\":".getBytes(StandardCharsets.US_ASCII);

    private final CountryCatalog countries;
    /** One per zone (a few hundred), shared by every record in it, so each zone's rules are read once a period. */
    private final Map<ZoneId, TimeZoneFields> zones = new ConcurrentHashMap<>();
    /** The network's fields of the most recent autonomous systems, kept as the records' fields are. */
    private final KeptValues<AutonomousSystem, byte[]> networks = new KeptValues<>();

    LocationAnswer(CountryCatalog countries) {
        this.countries = countries;
    }

    /** The answer's JSON for an address whose record gave these fields, in this network. */
    byte[] of(IpAddress address, RecordFields fields, Optional<AutonomousSystem> network, Instant now) {
        AnswerBytes json = new AnswerBytes(fields.head().length + fields.tail().length + 400);
        json.write(IP);
        json.write(address.canonical().getBytes(StandardCharsets.US_ASCII));
        json.write('"');
        json.write(fields.head());
        if (network.isPresent()) {
            json.write(networkFields(network.get()));
        }
        json.write(fields.tail());
        if (fields.zone().isPresent()) {
            json.write(TIME_ZONE);
            fields.zone().get().writeTo(json, now);
        }
        json.write('}');
        return json.toByteArray();
    }

    /** What the record gives its answers in {@code language}: its fields as JSON, in two parts, and its zone. */
    RecordFields fieldsOf(CityRecord record, Language language) {
        Place place = record.place(language);
        Optional<Country> country = place.countryCode().flatMap(countries::byCode);
        ObjectNode tail = JsonNodeFactory.instance.objectNode();
        country.flatMap(Country::currency).ifPresent(currency -> tail.putObject("currency")
                .put("code", currency.code())
                .put("name", currency.name())
                .put("symbol", currency.symbol()));
        return new RecordFields(continued(head(place, country)), continued(tail),
                zoneOf(place, country).map(zone -> zones.computeIfAbsent(zone, TimeZoneFields::of)));
    }

    /** {@code "isp":…,"organization":…,"asn":…}, after a comma. */
    private byte[] networkFields(AutonomousSystem system) {
        byte[] fields = networks.get(system);
        if (fields != null) {
            return fields;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        if (!system.organization().isEmpty()) {
            object.put("isp", system.organization());
            object.put("organization", system.organization());
        }
        object.put("asn", system.asn());
        return networks.keep(system, continued(object));
    }

    /** An object's fields without its braces, after a comma, to follow fields already written; none for "{}". */
    private static byte[] continued(ObjectNode object) {
        byte[] json = Json.write(object);
        if (json.length <= 2) {
            return new byte[0];
        }
        byte[] fields = Arrays.copyOfRange(json, 0, json.length - 1);
        fields[0] = ',';
        return fields;
    }

    /** The fields of the answer from {@code continent_code} to {@code geoname_id}, in ipgeolocation.io's order. */
    private static ObjectNode head(Place place, Optional<Country> country) {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
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
