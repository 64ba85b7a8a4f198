package geo.api.database;

import com.maxmind.db.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/** An ASN database: an MMDB file, or ip-location-db's CSV file as a table; both memory-mapped where they can be. */
final class AsnData implements Dataset {

    /** The look-up of one of the two forms. */
    private interface Finder {
        Optional<AutonomousSystem> find(InetAddress address) throws IOException;
    }

    private final Info info;
    private final Finder finder;
    private final Optional<Reader> reader;

    private AsnData(Info info, Finder finder, Optional<Reader> reader) {
        this.info = info;
        this.finder = finder;
        this.reader = reader;
    }

    static AsnData ofMmdb(Info info, Reader reader) {
        return new AsnData(info, address -> Optional.ofNullable(reader.get(address, AsnRecord.class))
                .flatMap(AsnRecord::system), Optional.of(reader));
    }

    static AsnData ofCsv(Path file, Optional<Path> work) throws IOException {
        AsnTable table = AsnSnapshot.load(file, work);
        Info info = new Info(file, DatabaseKind.ASN_CSV, "ip-location-db ASN CSV (" + table.size() + " ranges)",
                Optional.empty(), table.isIpv6() ? DatabaseKind.Coverage.IPV6 : DatabaseKind.Coverage.IPV4);
        return new AsnData(info, table::find, Optional.empty());
    }

    @Override
    public Info info() {
        return info;
    }

    Optional<AutonomousSystem> system(InetAddress address) throws IOException {
        return finder.find(address);
    }

    @Override
    public boolean knows(InetAddress address) throws IOException {
        return system(address).isPresent();
    }

    @Override
    public void close() {
        try {
            if (reader.isPresent()) {
                reader.get().close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
