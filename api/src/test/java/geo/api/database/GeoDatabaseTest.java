package geo.api.database;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Known answers of the real DB-IP Lite and ASN files that scripts/fetch-geodb.sh puts in data/. */
class GeoDatabaseTest {

    private static ApiFixture api;

    @BeforeAll
    static void start() {
        api = ApiFixture.start(Map.of("PROVIDER", "database"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void anIpv4AddressGetsIpgeolocationsFieldsFilledFromTheRecordAndTheCountry() {
        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals(200, response.statusCode());
        assertEquals("dbip-lite", response.headers().firstValue("X-Source").orElseThrow());
        JsonNode body = json(response);
        assertEquals("8.8.8.8", body.get("ip").asText());
        assertEquals("NA", body.get("continent_code").asText());
        assertEquals("North America", body.get("continent_name").asText());
        assertEquals("US", body.get("country_code2").asText());
        assertEquals("USA", body.get("country_code3").asText());
        assertEquals("United States", body.get("country_name").asText());
        assertEquals("Washington D.C.", body.get("country_capital").asText());
        assertEquals("California", body.get("state_prov").asText());
        assertEquals("Mountain View", body.get("city").asText());
        assertEquals("37.422", body.get("latitude").asText());
        assertEquals("-122.085", body.get("longitude").asText());
        assertFalse(body.get("is_eu").asBoolean());
        assertEquals("+1", body.get("calling_code").asText());
        assertEquals(".us", body.get("country_tld").asText());
        assertEquals("en", body.get("languages").asText());
        assertEquals("USD", body.get("currency").get("code").asText());
        assertEquals("US Dollar", body.get("currency").get("name").asText());
        assertEquals("$", body.get("currency").get("symbol").asText());
        assertEquals("America/Los_Angeles", body.get("time_zone").get("name").asText());
        assertEquals(-8, body.get("time_zone").get("offset").asInt());
        assertTrue(body.get("time_zone").has("current_time"));
    }

    @ParameterizedTest(name = "{0} is in {2}")
    @CsvSource({
            "81.2.69.142, GB, United Kingdom, .uk, GBP, £, Europe/London, false",
            "1.1.1.1, AU, Australia, .au, AUD, $, Australia/Sydney, false",
            "2a00:1450:4001:81c::200e, DE, Germany, .de, EUR, €, Europe/Berlin, true",
            "2001:4860:4860::8888, CA, Canada, .ca, CAD, $, America/Toronto, false",
    })
    void ipv4AndIpv6AddressesAreLocatedWithTheirCountrysMetadata(String ip, String code, String name, String tld,
            String currency, String symbol, String zone, boolean eu) {
        JsonNode body = json(api.get("/" + ip));

        assertEquals(code, body.get("country_code2").asText());
        assertEquals(name, body.get("country_name").asText());
        assertEquals(tld, body.get("country_tld").asText());
        assertEquals(currency, body.get("currency").get("code").asText());
        assertEquals(symbol, body.get("currency").get("symbol").asText());
        assertEquals(zone, body.get("time_zone").get("name").asText());
        assertEquals(eu, body.get("is_eu").asBoolean());
    }

    @Test
    void fieldsTheDatabaseDoesNotKnowAreAbsentNotInventedNorEmpty() {
        JsonNode body = json(api.get("/8.8.8.8"));

        // DB-IP's record for 8.8.8.8 has an empty district and postcode.
        for (String field : new String[] {"district", "zipcode", "hostname", "connection_type", "accuracy_radius"}) {
            assertFalse(body.has(field), field);
        }
        body.properties().forEach(field -> assertFalse(field.getValue().isTextual()
                && field.getValue().asText().isEmpty(), field.getKey()));
    }

    @ParameterizedTest(name = "{0} belongs to {1}")
    @CsvSource({
            "8.8.8.8, AS15169, Google LLC",
            "1.1.1.1, AS13335, 'Cloudflare, Inc.'",
            "2001:4860:4860::8888, AS15169, Google LLC",
    })
    void theNetworkComesFromTheAsnData(String ip, String asn, String organization) {
        JsonNode body = json(api.get("/" + ip));

        assertEquals(asn, body.get("asn").asText());
        assertEquals(organization, body.get("organization").asText());
        assertEquals(organization, body.get("isp").asText());
    }

    @Test
    void anAnswerFromTheDatabaseSaysWhenTheDatabaseWasBuilt() {
        HttpResponse<String> response = api.get("/8.8.8.8");

        assertEquals("2026-06-05", response.headers().firstValue("X-Database-Date").orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"3ffe::1", "3ffe:1900:4545:3:200:f8ff:fe21:67cf"})
    void anAddressTheDatabaseDoesNotKnowIsA404(String ip) {
        HttpResponse<String> response = api.get("/" + ip);

        assertEquals(404, response.statusCode());
        assertEquals("no location is known for " + ip, json(response).get("error").asText());
    }

    @Test
    void theDatabaseIsReadAgainRatherThanCachedSinceItIsFasterThanACache() {
        api.get("/9.9.9.9");

        HttpResponse<String> again = api.get("/9.9.9.9");

        assertEquals("MISS", again.headers().firstValue("X-Cache").orElseThrow());
        assertFalse(json(again).get("cached").asBoolean());
    }
}
