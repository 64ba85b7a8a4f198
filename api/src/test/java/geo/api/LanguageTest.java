package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ?lang=}: ipgeolocation.io's languages, passed on to it, and cached apart. */
class LanguageTest {

    @Test
    void theLanguageIsPassedOnToIpgeolocationIo() {
        try (ApiFixture api = ApiFixture.start()) {
            assertEquals(200, api.get("/8.8.8.8?lang=de").statusCode());

            String asked = api.provider().requests().getLast().getUrl().toString();
            assertTrue(asked.contains("&lang=de"), asked);
        }
    }

    @Test
    void englishIsTheDefaultAndIsNotAskedFor() {
        try (ApiFixture api = ApiFixture.start()) {
            api.get("/8.8.8.8?lang=en");

            assertFalse(api.provider().requests().getLast().getUrl().toString().contains("lang="));
        }
    }

    @Test
    void eachLanguageIsCachedApart() {
        try (ApiFixture api = ApiFixture.start()) {
            api.get("/8.8.8.8");
            HttpResponse<String> german = api.get("/8.8.8.8?lang=de");
            HttpResponse<String> germanAgain = api.get("/8.8.8.8?lang=DE");
            HttpResponse<String> english = api.get("/8.8.8.8?lang=en");

            assertEquals("MISS", german.headers().firstValue("X-Cache").orElseThrow());
            assertEquals("HIT", germanAgain.headers().firstValue("X-Cache").orElseThrow());
            assertEquals("HIT", english.headers().firstValue("X-Cache").orElseThrow());
            assertEquals(2, api.provider().calls());
        }
    }

    @Test
    void theLanguageIsPartOfTheBulkQuestionToo() {
        try (ApiFixture api = ApiFixture.start()) {
            geo.common.testing.TestHttp.sendWithBody(api.port(), "POST", "/bulk?lang=ja",
                    "{\"ips\": [\"8.8.8.8\", \"1.1.1.1\"]}");

            String asked = api.provider().requests().getLast().getUrl().toString();
            assertTrue(asked.contains("-bulk?") && asked.contains("&lang=ja"), asked);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xx", "english", "de-DE", "<script>"})
    void anUnknownLanguageIsA400ThatListsTheLanguagesAndCostsNoLookUp(String lang) {
        try (ApiFixture api = ApiFixture.start(Map.of())) {
            HttpResponse<String> response = api.get("/8.8.8.8?lang=" + java.net.URLEncoder.encode(lang,
                    java.nio.charset.StandardCharsets.UTF_8));

            assertEquals(400, response.statusCode());
            assertEquals("unknown language '" + lang + "' in lang; the languages are: en, de, es, fr, ja, pt, ru, zh, "
                    + "cs, it, ko, fa", ApiFixture.json(response).path("error").asText());
            assertEquals(0, api.provider().calls());
        }
    }
}
