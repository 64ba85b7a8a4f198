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
import java.util.function.Function;

/**
 * A database's answer in ipgeolocation.io's flat field names and order, with the country's metadata, currency and
 * time zone added. What the data does not know is left out, never written as "". What a record gives is put
 * together once and kept (for the most recent records); only the address and the time zone's clock are made for
 * each answer.
 */
final class LocationAnswer {

    /**
     * Records whose answers are kept: the addresses people ask cluster on far fewer records than a database holds,
     * and each kept answer is some hundreds of bytes.
     */
    static final int KEPT_RECORDS = 4_096;
    private static final byte[] IP = "{\"ip\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_ZONE = ",\"time_zone\":".getBytes(StandardCharsets.US_ASCII);

    /**
     * What the place part of an answer depends on. The reader hands out the same record object while it keeps the
     * record decoded, so the same object is tried before the fields are compared one by one.
     */
    private record Key(CityRecord record, Language language) {

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.language == language
                    && (key.record == record || key.record.equals(record));
        }

        @Override
        public int hashCode() {
            return 31 * record.hashCode() + language.hashCode();
        }
    }

    /**
     * A record's part of the answers: its fields before the network's ({@code continent_code} to {@code geoname_id})
     * and after them ({@code currency}), each preceded by a comma, and the zone whose clock ends the answer.
     */
    private record Prepared(byte[] head, byte[] tail, Optional<TimeZoneFields> zone) {
    }

    private final CountryCatalog countries;
    private final Map<Key, Prepared> records = new ConcurrentHashMap<>();
    /** One per zone (a few hundred), shared by every record in it, so each zone's rules are read once a period. */
    private final Map<ZoneId, TimeZoneFields> zones = new ConcurrentHashMap<>();
    /** The network's fields of the most recent autonomous systems, kept as the records' parts are. */
    private final Map<AutonomousSystem, byte[]> networks = new ConcurrentHashMap<>();

    LocationAnswer(CountryCatalog countries) {
        this.countries = countries;
    }

    /** The answer's JSON for an address whose record and network these are. */
    byte[] of(IpAddress address, CityRecord record, Language language, Optional<AutonomousSystem> network,
            Instant now) {
        Prepared prepared = kept(records, new Key(record, language),
                key -> prepare(key.record().place(key.language())));
        AnswerBytes json = new AnswerBytes(prepared.head().length + prepared.tail().length + 400);
        json.write(IP);
        json.write(address.canonical().getBytes(StandardCharsets.US_ASCII));
        json.write('"');
        json.write(prepared.head());
        if (network.isPresent()) {
            json.write(kept(networks, network.get(), LocationAnswer::networkFields));
        }
        json.write(prepared.tail());
        if (prepared.zone().isPresent()) {
            json.write(TIME_ZONE);
            prepared.zone().get().writeTo(json, now);
        }
        json.write('}');
        return json.toByteArray();
    }

    /** The record's fields as JSON, in two parts around the network's, and its zone. */
    private Prepared prepare(Place place) {
        Optional<Country> country = place.countryCode().flatMap(countries::byCode);
        ObjectNode tail = JsonNodeFactory.instance.objectNode();
        country.flatMap(Country::currency).ifPresent(currency -> tail.putObject("currency")
                .put("code", currency.code())
                .put("name", currency.name())
                .put("symbol", currency.symbol()));
        return new Prepared(continued(head(place, country)), continued(tail),
                zoneOf(place, country).map(zone -> zones.computeIfAbsent(zone, TimeZoneFields::of)));
    }

    /**
     * The value kept for {@code key}, made and kept when there is none. Forgetting all at once when
     * {@link #KEPT_RECORDS} are kept bounds the map without the bookkeeping of an LRU on every answer.
     */
    private static <K, V> V kept(Map<K, V> values, K key, Function<K, V> make) {
        V value = values.get(key);
        if (value == null) {
            if (values.size() >= KEPT_RECORDS) {
                values.clear();
            }
            value = make.apply(key);
            values.put(key, value);
        }
        return value;
    }

    /** {@code "isp":…,"organization":…,"asn":…}, after a comma. */
    private static byte[] networkFields(AutonomousSystem system) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        if (!system.organization().isEmpty()) {
            fields.put("isp", system.organization());
            fields.put("organization", system.organization());
        }
        fields.put("asn", system.asn());
        return continued(fields);
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
