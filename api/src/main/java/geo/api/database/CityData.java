package geo.api.database;

import com.maxmind.db.Reader;
import geo.api.lookup.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * A city database in either schema, memory-mapped, with what its records give answers kept for the records asked
 * most recently.
 */
final class CityData implements Dataset {

    private static final int LANGUAGES = Language.values().length;

    private final Info info;
    private final Reader reader;
    private final SearchTree tree;
    private final Optional<LocalDate> builtDay;
    /** By {@link #keyOf} a record's place and a language. */
    private final KeptValues<Long, RecordFields> kept = new KeptValues<>();

    CityData(Info info, Reader reader, SearchTree tree) {
        this.info = info;
        this.reader = reader;
        this.tree = tree;
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

    /**
     * What the address's record gives its answers in {@code language}: made by {@code make} from the decoded record
     * the first time, and afterwards found by the walk of the search tree alone, which costs a fraction of decoding
     * the record. Empty when the file has no record for the address.
     */
    Optional<RecordFields> fields(InetAddress address, Language language,
            BiFunction<CityRecord, Language, RecordFields> make) throws IOException {
        long record = tree.recordOf(address);
        if (record == SearchTree.NO_RECORD) {
            return Optional.empty();
        }
        Long key = keyOf(record, language);
        RecordFields fields = kept.get(key);
        if (fields != null) {
            return Optional.of(fields);
        }
        return record(address).map(decoded -> kept.keep(key, make.apply(decoded, language)));
    }

    /**
     * A record of this file, by its place in the search tree, in one language, as one number: a record type as the
     * key had its hashCode and equals made through method handles at their first call, about 10 ms of CPU in a
     * fresh replica's first answer (async-profiler).
     */
    private static Long keyOf(long record, Language language) {
        return record * LANGUAGES + language.ordinal();
    }

    /** The record of the address, in the file's schema. */
    private Optional<CityRecord> record(InetAddress address) throws IOException {
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
