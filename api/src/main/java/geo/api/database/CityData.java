package geo.api.database;

import com.maxmind.db.Reader;
import geo.api.lookup.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Optional;

/** A city database in either schema, memory-mapped. */
final class CityData implements Dataset {

    private final Info info;
    private final Reader reader;
    private final Optional<LocalDate> builtDay;

    CityData(Info info, Reader reader) {
        this.info = info;
        this.reader = reader;
        this.builtDay = info.built().map(GeoDatabase::day);
    }

    @Override
    public Info info() {
        return info;
    }

    /** The day the file was built, which its answers carry: made once, not per answer. */
    Optional<LocalDate> builtDay() {
        return builtDay;
    }

    /** The record of the address, in the file's schema. */
    Optional<CityRecord> record(InetAddress address) throws IOException {
        return Optional.ofNullable(info.kind() == DatabaseKind.GEOIP2_CITY
                ? reader.get(address, GeoIp2CityRecord.class)
                : reader.get(address, FlatCityRecord.class));
    }

    /** The place of the address, with names in {@code language} where the schema has them. */
    Optional<Place> place(InetAddress address, Language language) throws IOException {
        return record(address).map(record -> record.place(language));
    }

    @Override
    public boolean knows(InetAddress address) throws IOException {
        return place(address, Language.ENGLISH).flatMap(Place::countryCode).isPresent();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
