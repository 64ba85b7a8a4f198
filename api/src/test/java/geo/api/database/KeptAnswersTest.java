package geo.api.database;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import geo.api.lookup.Found;
import geo.api.lookup.Language;
import geo.api.testing.TestDatabase;
import geo.common.net.IpAddress;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An answer kept for its record serves every address of that record, in the language asked, with its own clock. */
class KeptAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private GeoDatabase database;

    @BeforeEach
    void open() {
        database = GeoDatabase.open(new DatabaseFiles(List.of(TestDatabase.testFile(TestDatabase.GEOIP2_CITY),
                TestDatabase.folder().resolve("asn-ipv4.csv"))), Optional.empty(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void eachLanguageOfOneRecordIsKeptApart() throws IOException {
        assertEquals("Prague", answer("83.208.93.244", Language.ENGLISH).path("city").asText());
        assertEquals("Prag", answer("83.208.93.244", Language.GERMAN).path("city").asText());
        assertEquals("Prague", answer("83.208.93.244", Language.ENGLISH).path("city").asText());
    }

    @Test
    void addressesOfOneRecordKeepTheirOwnAddressAndNetwork() throws IOException {
        // GeoLite2 has one record for the whole country here; the ASN data tells the two networks apart.
        JsonNode google = answer("8.8.8.8", Language.ENGLISH);
        JsonNode cloudflare = answer("104.16.0.1", Language.ENGLISH);

        assertEquals(google.path("country_code2"), cloudflare.path("country_code2"));
        assertEquals("8.8.8.8", google.path("ip").asText());
        assertEquals("104.16.0.1", cloudflare.path("ip").asText());
        assertEquals("AS15169", google.path("asn").asText());
        assertEquals("AS13335", cloudflare.path("asn").asText());
    }

    @Test
    void answersStayRightPastTheBoundOfKeptRecords() throws IOException {
        JsonNode first = answer("83.208.93.244", Language.ENGLISH);
        for (int i = 0; i < KeptValues.LIMIT + 100; i++) {
            answer((1 + i % 200) + "." + (i / 200 % 256) + ".7.9", Language.ENGLISH);
        }

        JsonNode again = answer("83.208.93.244", Language.ENGLISH);

        assertEquals(first.path("city"), again.path("city"));
        assertEquals(first.path("asn"), again.path("asn"));
    }

    private JsonNode answer(String ip, Language language) throws IOException {
        if (!(database.locate(IpAddress.parse(ip).orElseThrow(), language) instanceof Found found)) {
            return JSON.createObjectNode();
        }
        return JSON.readTree(found.bytes(), found.offset(), found.length());
    }
}
