package geo.api.provider;

import static geo.api.testing.ApiFixture.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

class ProviderShapesTest {

    @Test
    void theDefaultV2AnswerIsFlattenedIntoTheV1FieldNames() {
        try (ApiFixture api = ApiFixture.start()) {
            JsonNode body = json(api.get("/8.8.8.8"));

            RecordedRequest request = api.provider().requests().getFirst();
            assertEquals("/v2/ipgeo", request.getUrl().encodedPath());
            assertEquals(ApiFixture.KEY, request.getUrl().queryParameter("apiKey"));
            assertEquals("8.8.8.8", request.getUrl().queryParameter("ip"));

            assertEquals("Mountain View", body.get("city").asText());
            assertEquals("California", body.get("state_prov").asText());
            assertEquals("North America", body.get("continent_name").asText());
            assertEquals("37.42240", body.get("latitude").asText());
            assertEquals(".us", body.get("country_tld").asText());
            assertEquals("+1", body.get("calling_code").asText());
            assertEquals("en-US,es-US,haw,fr", body.get("languages").asText());
            assertEquals("AS15169", body.get("asn").asText());
            assertEquals("Google LLC", body.get("organization").asText());
            assertEquals("Google LLC", body.get("isp").asText());
            assertEquals("USD", body.get("currency").get("code").asText());
            assertEquals("America/Los_Angeles", body.get("time_zone").get("name").asText());
            assertFalse(body.has("location"));
            assertFalse(body.has("country_metadata"));
        }
    }

    @Test
    void theV1AnswerIsServedAsTheProviderGaveIt() {
        try (ApiFixture api = ApiFixture.start(Map.of("IPGEOLOCATION_API_VERSION", "v1"))) {
            JsonNode body = json(api.get("/8.8.8.8"));

            assertEquals("/ipgeo", api.provider().requests().getFirst().getUrl().encodedPath());
            assertEquals("Mountain View", body.get("city").asText());
            assertEquals(".us", body.get("country_tld").asText());
            assertEquals("en-US,es-US,haw,fr", body.get("languages").asText());
            assertEquals("AS15169", body.get("asn").asText());
            assertEquals("Google LLC", body.get("isp").asText());
            assertEquals("USD", body.get("currency").get("code").asText());
        }
    }

    @Test
    void numbersAndEmojiKeepTheProvidersSpelling() {
        try (ApiFixture api = ApiFixture.start()) {
            String body = api.get("/8.8.8.8").body();

            assertTrue(body.contains("\"current_time_unix\":1795455780.0,"), body);
            assertTrue(body.contains("\"offset\":-8,"), body);
            assertTrue(body.contains("\"country_emoji\":\"\uD83C\uDDFA\uD83C\uDDF8\""), body);
        }
    }

    @Test
    void bothShapesGiveTheSameFields() {
        try (ApiFixture v1 = ApiFixture.start(Map.of("IPGEOLOCATION_API_VERSION", "v1"));
                ApiFixture v2 = ApiFixture.start(Map.of("IPGEOLOCATION_API_VERSION", "v2"))) {
            JsonNode flat = json(v1.get("/8.8.8.8"));
            JsonNode flattened = json(v2.get("/8.8.8.8"));

            for (String field : new String[] {"ip", "continent_code", "continent_name", "country_code2",
                    "country_code3", "country_name", "country_capital", "state_prov", "district", "city", "zipcode",
                    "latitude", "longitude", "is_eu", "calling_code", "country_tld", "languages", "isp",
                    "organization", "asn", "currency", "time_zone"}) {
                assertEquals(flat.get(field), flattened.get(field), field);
            }
        }
    }

    @Test
    void aBaseUrlWithATrailingSlashOrAPathPrefixIsJoinedCleanly() {
        try (ApiFixture api = ApiFixture.start()) {
            String prefixed = api.provider().url() + "/geo-proxy/";
            try (ApiFixture behindPrefix = ApiFixture.replica(api.provider(),
                    Map.of("IPGEOLOCATION_URL", prefixed))) {
                behindPrefix.get("/8.8.8.8");

                assertEquals("/geo-proxy/v2/ipgeo", api.provider().requests().getFirst().getUrl().encodedPath());
            }
        }
    }
}
