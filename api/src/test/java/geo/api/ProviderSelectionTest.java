package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    @Test
    void autoWithoutAKeyAnswersFromTheDatabase() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "auto", "API_KEY", ""))) {
            HttpResponse<String> response = api.get("/8.8.8.8");

            assertEquals(200, response.statusCode());
            assertEquals("dbip-lite", response.headers().firstValue("X-Source").orElseThrow());
            assertEquals(0, api.provider().calls());
        }
    }

    @Test
    void autoWithAKeyAsksIpgeolocation() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "auto"))) {
            assertEquals("ipgeolocation.io", api.get("/8.8.8.8").headers().firstValue("X-Source").orElseThrow());
            assertEquals(1, api.provider().calls());
        }
    }

    @Test
    void databaseIsUsedAloneEvenWithAKey() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "database"))) {
            assertEquals("dbip-lite", api.get("/8.8.8.8").headers().firstValue("X-Source").orElseThrow());
            assertEquals(0, api.provider().calls());
        }
    }

    @Test
    void ipgeolocationAloneLetsItsFailuresThrough() {
        try (ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "ipgeolocation"))) {
            api.provider().answer(503, "{\"message\":\"down\"}");

            assertEquals(502, api.get("/8.8.8.8").statusCode());
        }
    }
}
