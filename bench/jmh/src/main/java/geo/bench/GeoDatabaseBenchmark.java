package geo.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import geo.common.net.IpAddress;
import geo.api.database.DatabaseFiles;
import geo.api.database.DbipRecord;
import geo.api.database.GeoDatabase;
import geo.api.lookup.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
 * against the MaxMind reader's bare record, the baseline. Addresses are 10,000 random public IPv4 addresses.
 * The database folder comes from the system property geo.db (default data/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GeoDatabaseBenchmark {

    private static final int ADDRESSES = 10_000;

    private GeoDatabase database;
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
        DatabaseFiles files = DatabaseFiles.locate(Optional.of(Path.of(System.getProperty("geo.db", "data"))));
        database = GeoDatabase.open(files, Clock.systemUTC());
        reader = new Reader(files.ipv4().toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
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
        reader.close();
    }

    /** geo-api's answer: what {@code PROVIDER=database} does for every request. */
    @Benchmark
    public Outcome answer(Cursor cursor) {
        return database.locate(addresses[cursor.next()]);
    }

    /** The baseline: the MaxMind reader finding and decoding the record, nothing more. */
    @Benchmark
    public DbipRecord record(Cursor cursor) throws IOException {
        return reader.get(addresses[cursor.next()].address(), DbipRecord.class);
    }
}
