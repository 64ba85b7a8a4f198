package geo.api.database;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Reader;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** One open database file: a city database or an ASN database, checked before anyone looks an address up in it. */
sealed interface Dataset extends AutoCloseable permits CityData, AsnData {

    /** Addresses every real database knows; a file that cannot answer them is damaged or empty. */
    InetAddress[] SELF_TEST = {
            IpAddress.parse("8.8.8.8").orElseThrow().address(),
            IpAddress.parse("2001:4860:4860::8888").orElseThrow().address()};

    /**
     * What the file is.
     *
     * @param file     where it was opened
     * @param kind     its schema
     * @param type     its {@code database_type}, as the file says it
     * @param built    when it was built, as its metadata says (a CSV file does not say)
     * @param coverage which addresses it answers
     */
    record Info(Path file, DatabaseKind kind, String type, Optional<Instant> built, DatabaseKind.Coverage coverage) {

        boolean isNewerThan(Info other) {
            return built.isPresent() && (other.built.isEmpty() || built.get().isAfter(other.built.get()));
        }

        /** The build time for a log line or a detail: "unknown" when the file does not say. */
        String builtText() {
            return built.map(Instant::toString).orElse("unknown");
        }
    }

    Info info();

    /** Whether it knows anything of the address; throws when the file is damaged. */
    boolean knows(InetAddress address) throws IOException;

    @Override
    void close();

    /**
     * Opens a file as its metadata (or, for {@code .csv}, its name) says, and looks up the self-test addresses it
     * covers; throws with the reason when it is not a database geo reads, is damaged, or answers none of them. A CSV
     * file's table is kept in {@code work} when there is one ({@link AsnSnapshot}).
     */
    static Dataset open(Path file, Optional<Path> work) throws IOException {
        Dataset dataset = file.getFileName().toString().endsWith(".csv") ? AsnData.ofCsv(file, work) : ofMmdb(file);
        try {
            for (InetAddress probe : SELF_TEST) {
                if (dataset.info().coverage().covers(probe) && !dataset.knows(probe)) {
                    throw new IOException("it has no record for " + IpAddress.of(probe));
                }
            }
        } catch (IOException | RuntimeException e) {
            dataset.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
        return dataset;
    }

    /**
     * A city file's reader has no cache of decoded values: CityData keeps each record's answer part by its place in
     * the search tree, so the reader decodes a record once, and its cache's keys (records hashed through method
     * handles made at run time) cost the start-up about 30 ms of CPU. An ASN file's records are not kept by geo, so
     * its reader is opened again with a cache, to decode each one once.
     */
    private static Dataset ofMmdb(Path file) throws IOException {
        Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED);
        try {
            DatabaseKind kind = DatabaseKind.of(file, reader.getMetadata());
            Info info = new Info(file, kind, reader.getMetadata().databaseType(),
                    Optional.of(reader.getMetadata().buildTime()), DatabaseKind.coverage(reader.getMetadata()));
            if (kind.isCity()) {
                return new CityData(info, reader, SearchTree.of(file, reader.getMetadata()));
            }
            reader.close();
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
            return AsnData.ofMmdb(info, reader);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }
}
