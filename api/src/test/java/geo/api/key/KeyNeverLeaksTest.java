package geo.api.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.CapturedOutput;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyNeverLeaksTest {

    @Test
    void theKeyAppearsInNoResponseAndNoLogLineWhateverTheProviderDoes() {
        List<HttpResponse<String>> responses = new ArrayList<>();
        String logs;
        try (CapturedOutput output = CapturedOutput.start();
                ApiFixture api = ApiFixture.start(Map.of("PROVIDER_TIMEOUT", "PT0.3S"))) {
            responses.add(api.get("/8.8.8.8"));
            // A provider that quotes the request back, key included, in its error message.
            api.provider().answer(400, "{\"message\":\"bad request apiKey=" + ApiFixture.KEY + "&ip=1.1.1.1\"}");
            responses.add(api.get("/1.1.1.1"));
            api.provider().answer(401, "{\"message\":\"key " + ApiFixture.KEY + " is not valid\"}");
            responses.add(api.get("/1.1.1.1"));
            api.provider().answer(500, ApiFixture.KEY);
            responses.add(api.get("/1.1.1.1"));
            api.provider().answer(200, "not json " + ApiFixture.KEY);
            responses.add(api.get("/1.1.1.1"));
            api.provider().answerWithLocations();
            api.provider().delay(Duration.ofSeconds(2));
            responses.add(api.get("/9.9.9.9"));
            logs = output.text();
        }

        assertEquals(List.of(200, 400, 502, 502, 502, 504), responses.stream().map(HttpResponse::statusCode).toList());
        for (HttpResponse<String> response : responses) {
            assertFalse(response.body().contains(ApiFixture.KEY), response.body());
            assertFalse(response.headers().toString().contains(ApiFixture.KEY), response.headers().toString());
        }
        assertFalse(logs.contains(ApiFixture.KEY), logs);
        assertFalse(logs.isEmpty(), "the failures above are logged");
    }

    @Test
    void aProviderAnswerThatHoldsTheKeyAnywhereIsServedRedactedAndThatIsLoggedOnce() {
        String logs;
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (CapturedOutput output = CapturedOutput.start(); ApiFixture api = ApiFixture.start()) {
            api.provider().answer(200, "{\"ip\":\"8.8.8.8\",\"isp\":\"echo " + ApiFixture.KEY + "\","
                    + "\"asn\":{\"as_number\":\"AS1\",\"organization\":\"" + ApiFixture.KEY + "\"},"
                    + "\"notes\":[\"x\",\"apiKey=" + ApiFixture.KEY + "\"],\"" + ApiFixture.KEY + "\":1}");
            responses.add(api.get("/8.8.8.8"));
            responses.add(api.get("/8.8.8.8"));
            api.provider().answer(200, "{\"ip\":\"1.1.1.1\",\"city\":\"" + ApiFixture.KEY + "\"}");
            responses.add(api.get("/1.1.1.1"));
            responses.add(api.get("/1.1.1.1/city"));
            logs = output.text();
        }

        for (HttpResponse<String> response : responses) {
            assertEquals(200, response.statusCode());
            assertFalse(response.body().contains(ApiFixture.KEY), response.body());
            assertTrue(response.body().contains("[redacted]"), response.body());
        }
        assertFalse(logs.contains(ApiFixture.KEY), logs);
        assertEquals(1, logs.lines().filter(line -> line.contains("event=provider_answer_redacted")).count(), logs);
    }

    @Test
    void theKeyPrintsAsRedacted() {
        ApiKey key = ApiKey.of(ApiFixture.KEY);

        assertEquals("[redacted]", key.toString());
        assertEquals("Direct[key=[redacted]]", new KeySource.Direct(key).toString());
        assertEquals("url?apiKey=[redacted]", key.redact("url?apiKey=" + ApiFixture.KEY));
    }
}
