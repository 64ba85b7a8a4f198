package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.api.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's routine for the default files: one URL, for the first file of the folder (IPv4, flat schema), serving
 * DB-IP's kind of monthly file (GeoIP2 schema, IPv4 and IPv6 in one); once swapped in, it answers both families.
 */
class OneFileForBothFamiliesTest {

    @Test
    void aFileForBothFamiliesReplacesTheIpv4FileAndAnswersIpv6Too(@TempDir Path data, @TempDir Path work)
            throws Exception {
        Files.copy(TestDatabase.testFile(TestDatabase.FLAT_IPV4), data.resolve("a-city-ipv4.mmdb"));
        Files.copy(TestDatabase.testFile(TestDatabase.FLAT_IPV6), data.resolve("b-city-ipv6.mmdb"));
        try (DownloadServer server = DownloadServer.start()) {
            server.serve(DownloadServer.gzip(TestDatabase.withBuildTime(TestDatabase.testFile(
                    TestDatabase.GEOIP2_CITY), Instant.parse("2026-12-01T00:00:00Z"))), "\"2026-12\"");
            try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", data.toString(),
                    "GEO_DB_WORK", work.toString(),
                    "GEO_DB_UPDATE_URL", server.url("/dbip-city-lite-{YYYY-MM}.mmdb.gz")))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (!api.admin("/ready").body().contains("\"result\":\"updated\"")
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }

                HttpResponse<String> ipv6 = api.get("/2001:4860:4860::8888?lang=de");
                assertEquals("2026-12-01", ipv6.headers().firstValue("X-Database-Date").orElseThrow());
                assertEquals("2026-12-01", api.get("/8.8.8.8").headers().firstValue("X-Database-Date")
                        .orElseThrow());
                assertEquals("USA", ApiFixture.json(ipv6).path("country_name").asText(), ipv6.body());
                assertTrue(Files.isRegularFile(work.resolve("a-city-ipv4.mmdb")));
            }
        }
    }
}
