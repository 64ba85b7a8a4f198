package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Field selection, plain-text answers and HTTP caching, over HTTP against a real geo-api. */
class ApiFeaturesTest {

    private ApiFixture api;

    @BeforeEach
    void start() {
        api = ApiFixture.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void fieldsKeepsOnlyTheNamedFieldsAndTheAddress() {
        JsonNode answer = ApiFixture.json(api.get("/8.8.8.8?fields=city,country_name,time_zone.name"));

        assertEquals(List.of("ip", "country_name", "city", "time_zone"), names(answer));
        assertEquals("America/Los_Angeles", answer.path("time_zone").path("name").asText());
        assertEquals(1, answer.path("time_zone").size());
    }

    @Test
    void excludesDropsTheNamedFieldsButNeverTheAddress() {
        JsonNode answer = ApiFixture.json(api.get("/8.8.8.8?excludes=ip,time_zone,currency.symbol,cached"));

        assertEquals("8.8.8.8", answer.path("ip").asText());
        assertTrue(answer.path("time_zone").isMissingNode());
        assertTrue(answer.path("cached").isMissingNode());
        assertEquals("USD", answer.path("currency").path("code").asText());
        assertTrue(answer.path("currency").path("symbol").isMissingNode());
        assertEquals(ApiFixture.HOST_NAME, answer.path("apiServer").asText());
    }

    @Test
    void theCacheHoldsTheWholeAnswerWhateverWasSelected() {
        api.get("/8.8.8.8?fields=city");

        JsonNode whole = ApiFixture.json(api.get("/8.8.8.8"));

        assertTrue(whole.path("cached").asBoolean());
        assertEquals("Mountain View", whole.path("city").asText());
        assertEquals("USD", whole.path("currency").path("code").asText());
        assertEquals(1, api.provider().calls());
    }

    @Test
    void anUnknownFieldIsA400ListingTheValidOnes() {
        HttpResponse<String> response = api.get("/8.8.8.8?fields=city,town");

        assertEquals(400, response.statusCode());
        String error = ApiFixture.json(response).path("error").asText();
        assertTrue(error.startsWith("unknown field 'town' in fields; the fields are: ip,hostname,"), error);
        assertTrue(error.contains("time_zone.name"), error);
        assertEquals(0, api.provider().calls());
    }

    @Test
    void oneFieldAsPlainTextForTheCommandLine() {
        HttpResponse<String> country = api.get("/8.8.8.8/country_name");
        HttpResponse<String> zone = api.get("/2001:4860:4860::8888/time_zone.name");
        HttpResponse<String> offset = api.get("/8.8.8.8/time_zone.offset");

        assertEquals(200, country.statusCode());
        assertEquals("text/plain; charset=utf-8", country.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("United States\n", country.body());
        assertEquals("America/Los_Angeles\n", zone.body());
        assertEquals("-8\n", offset.body());
        assertEquals(400, api.get("/8.8.8.8/town").statusCode());
        assertEquals(400, api.get("/example.com/city").statusCode());
    }

    @Test
    void aFieldThatThisAnswerLacksIsA404() {
        try (ApiFixture offline = ApiFixture.start(Map.of("PROVIDER", "database"))) {
            HttpResponse<String> response = offline.get("/8.8.8.8/zipcode");

            assertEquals(404, response.statusCode());
            assertEquals("the answer for this address has no zipcode",
                    ApiFixture.json(response).path("error").asText());
        }
    }

    @Test
    void slashIpIsTheCallersOwnAddressAsText() {
        HttpResponse<String> direct = api.get("/ip");
        HttpResponse<String> forwarded = api.get("/ip", "X-Forwarded-For", "203.0.113.9");

        assertEquals("127.0.0.1\n", direct.body());
        assertEquals("203.0.113.9\n", forwarded.body());
        assertEquals("text/plain; charset=utf-8", direct.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void anAnswerMayBeCachedAsLongAsGeoCachesItAndRevalidatedWithItsEtag() {
        HttpResponse<String> first = api.get("/8.8.8.8");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = api.get("/8.8.8.8", "If-None-Match", etag);
        HttpResponse<String> other = api.get("/8.8.8.8", "If-None-Match", "W/\"something-else\"");

        assertEquals("public, max-age=86400", first.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(etag.startsWith("W/\""), etag);
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(200, other.statusCode());
    }

    /**
     * The README's sequence, where every answer is made again: with the offline database alone nothing is cached,
     * and the time zone's clock moves between two answers, yet the ETag received still gets a 304.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/8.8.8.8", "/8.8.8.8?excludes=time_zone", "/8.8.8.8/city"})
    void theEtagJustReceivedGetsA304ThoughTheClockInTheAnswerMoved(String path) throws InterruptedException {
        try (ApiFixture offline = ApiFixture.start(Map.of("PROVIDER", "database"))) {
            JsonNode before = ApiFixture.json(offline.get("/8.8.8.8"));
            HttpResponse<String> first = offline.get(path);
            Thread.sleep(5);
            JsonNode after = ApiFixture.json(offline.get("/8.8.8.8"));
            String etag = first.headers().firstValue("ETag").orElseThrow();

            HttpResponse<String> again = offline.get(path, "If-None-Match", etag);

            assertNotEquals(before.path("time_zone").path("current_time_unix").asText(),
                    after.path("time_zone").path("current_time_unix").asText());
            assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
            assertEquals(304, again.statusCode());
            assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        }
    }

    @Test
    void aSelectionHasItsOwnEtag() {
        String whole = api.get("/8.8.8.8").headers().firstValue("ETag").orElseThrow();
        String selected = api.get("/8.8.8.8?fields=city").headers().firstValue("ETag").orElseThrow();

        assertFalse(whole.equals(selected));
        assertEquals(200, api.get("/8.8.8.8?fields=city", "If-None-Match", whole).statusCode());
    }

    @Test
    void theCallersOwnLocationVariesWithXForwardedForAndIsPrivate() {
        HttpResponse<String> own = api.get("/", "X-Forwarded-For", "9.9.9.9");

        assertEquals("private, max-age=86400", own.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("X-Forwarded-For", own.headers().firstValue("Vary").orElseThrow());
    }

    @Test
    void errorsAreNeverCached() {
        assertEquals("no-store", api.get("/example.com").headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("no-store", api.get("/10.0.0.1").headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void headWorksWhereverGetDoes() {
        for (String path : List.of("/8.8.8.8", "/8.8.8.8/city", "/ip", "/", "/openapi.json", "/ready", "/metrics")) {
            HttpResponse<String> get = api.get(path);
            HttpResponse<String> head = api.send("HEAD", path);

            assertEquals(get.statusCode(), head.statusCode(), path);
            assertEquals("", head.body(), path);
            assertEquals(get.headers().firstValue("Content-Type"), head.headers().firstValue("Content-Type"), path);
        }
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).filter(name -> !name.equals("cached")
                && !name.equals("apiServer")).toList();
    }
}
