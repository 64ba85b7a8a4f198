package geo.api.database;

import geo.common.json.Json;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import geo.common.net.IpAddress;
import geo.api.lookup.Failure;
import geo.api.lookup.Found;
import geo.api.lookup.GeoProvider;
import geo.api.lookup.Outcome;
import geo.api.lookup.Source;
import geo.common.config.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates addresses offline in DB-IP's IP to City Lite database (MaxMind DB format, memory-mapped), in the same JSON
 * shape as ipgeolocation.io, with country metadata, currency and time zone added. It has no ISP, organization or ASN,
 * and such fields are left out rather than invented.
 */
public final class GeoDatabase implements GeoProvider, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeoDatabase.class);
    /** Addresses looked up at start-up, so that a damaged file fails then rather than in the middle of a request. */
    private static final InetAddress[] SELF_TEST = {
            IpAddress.parse("8.8.8.8").orElseThrow().address(),
            IpAddress.parse("2001:4860:4860::8888").orElseThrow().address()};

    private final DatabaseFiles files;
    private final Reader ipv4;
    private final Reader ipv6;
    private final CountryCatalog countries;
    private final Clock clock;

    private GeoDatabase(DatabaseFiles files, Reader ipv4, Reader ipv6, CountryCatalog countries, Clock clock) {
        this.files = files;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.countries = countries;
        this.clock = clock;
    }

    /** Opens and checks the files; any problem stops start-up with a message naming the file. */
    public static GeoDatabase open(DatabaseFiles files, Clock clock) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(clock, "clock");
        Reader ipv4 = reader(files.ipv4());
        Reader ipv6 = files.ipv6().equals(files.ipv4()) ? ipv4 : reader(files.ipv6());
        GeoDatabase database = new GeoDatabase(files, ipv4, ipv6, CountryCatalog.load(), clock);
        for (InetAddress address : SELF_TEST) {
            try {
                database.readerFor(address).get(address, DbipRecord.class);
            } catch (IOException | RuntimeException e) {
                database.close();
                throw new ConfigException("The offline database " + files.describe() + " is damaged: looking up "
                        + IpAddress.of(address) + " failed (" + e.getMessage() + "); run scripts/fetch-geodb.sh "
                        + "--force");
            }
        }
        LOG.info("event=database_opened files=\"{}\" built={} countries={}", files.describe(),
                ipv4.getMetadata().buildTime(), database.countries.size());
        Thread.ofVirtual().name("country-catalog").start(database.countries::warmUp);
        return database;
    }

    @Override
    public Outcome locate(IpAddress address) {
        DbipRecord record;
        try {
            record = readerFor(address.address()).get(address.address(), DbipRecord.class);
        } catch (IOException | RuntimeException e) {
            LOG.error("event=database_error ip={} error=\"{}\"", address, e.getMessage());
            return new Failure.ProviderFailed("the offline database could not be read");
        }
        if (record == null) {
            return new Failure.NotFound(address);
        }
        return new Found(Json.write(answer(address, record)), Source.DATABASE, false);
    }

    public String describe() {
        return "dbip-lite " + files.describe() + " (built " + ipv4.getMetadata().buildTime() + ")";
    }

    @Override
    public void close() {
        try {
            ipv4.close();
            if (ipv6 != ipv4) {
                ipv6.close();
            }
        } catch (IOException e) {
            LOG.warn("event=database_close_error error=\"{}\"", e.getMessage());
        }
    }

    private Reader readerFor(InetAddress address) {
        return address.getAddress().length == 4 ? ipv4 : ipv6;
    }

    /** The record in ipgeolocation.io's flat field names and order. */
    private ObjectNode answer(IpAddress address, DbipRecord record) {
        Optional<Country> country = Optional.ofNullable(record.countryCode()).flatMap(countries::byCode);
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("ip", address.canonical());
        country.ifPresent(known -> {
            answer.put("continent_code", known.continentCode());
            answer.put("continent_name", known.continentName());
        });
        answer.put("country_code2", text(record.countryCode()));
        country.ifPresent(known -> {
            answer.put("country_code3", known.code3());
            answer.put("country_name", known.name());
            answer.put("country_capital", known.capital());
        });
        answer.put("state_prov", text(record.state1()));
        answer.put("district", text(record.state2()));
        answer.put("city", text(record.city()));
        answer.put("zipcode", text(record.postcode()));
        if (record.latitude() != null && record.longitude() != null) {
            // ipgeolocation.io writes coordinates as strings.
            answer.put("latitude", record.latitude().toString());
            answer.put("longitude", record.longitude().toString());
        }
        country.ifPresent(known -> {
            answer.put("is_eu", known.isEu());
            answer.put("calling_code", known.callingCode());
            answer.put("country_tld", known.tld());
            answer.put("languages", known.languages());
            known.currency().ifPresent(currency -> answer.putObject("currency")
                    .put("code", currency.code())
                    .put("name", currency.name())
                    .put("symbol", currency.symbol()));
        });
        zoneOf(record, country).ifPresent(zone -> answer.set("time_zone", TimeZoneFields.of(zone, now())));
        return answer;
    }

    /** The record's own zone when it names one (this edition does not), else the country's zone nearest to it. */
    private static Optional<ZoneId> zoneOf(DbipRecord record, Optional<Country> country) {
        if (record.timezone() != null && !record.timezone().isEmpty()) {
            try {
                return Optional.of(ZoneId.of(record.timezone()));
            } catch (DateTimeException unknownZone) {
                // Fall through to the nearest zone of the country.
            }
        }
        if (country.isEmpty() || record.latitude() == null || record.longitude() == null) {
            return country.flatMap(known -> known.zones().stream().findFirst().map(Country.Zone::id));
        }
        return country.get().zoneNearest(record.latitude(), record.longitude());
    }

    private Instant now() {
        return clock.instant();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static Reader reader(Path file) {
        try {
            return new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
        } catch (IOException e) {
            throw new ConfigException("The offline database file " + file + " cannot be opened: " + e.getMessage()
                    + "; run scripts/fetch-geodb.sh --force");
        }
    }
}
