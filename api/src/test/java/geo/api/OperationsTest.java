package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.api.testing.ApiFixture;
import geo.common.testing.CapturedOutput;
import geo.common.testing.RedisServer;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What operators and other sites see of geo-api: readiness, metrics, the access log, CORS and the rate limit. */
class OperationsTest {

    @Test
    void readyWhenServingAndStillReadyWithRedisDownSinceAnswersGoOn() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture api = ApiFixture.start(Map.of("REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port())))) {
            HttpResponse<String> up = api.admin("/ready");
            assertEquals(200, up.statusCode());
            assertEquals("READY", ApiFixture.json(up).path("status").asText());
            assertEquals("up", ApiFixture.json(up).path("redis").asText());

            redis.kill();
            api.get("/8.8.8.8");
            HttpResponse<String> down = api.admin("/ready");

            assertEquals(200, down.statusCode());
            assertTrue(ApiFixture.json(down).path("redis").asText().startsWith("down"), down.body());
            assertEquals(200, api.get("/8.8.8.8").statusCode());
            assertEquals(200, api.get("/ready").statusCode());
        }
    }

    @Test
    void aReplicaThatIsStoppingIsNotReady() {
        Readiness readiness = new Readiness("test", "memory", java.util.Optional.empty(),
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance::arrayNode);
        assertEquals(200, readiness.answer().status());
        assertEquals(200, readiness.details().status());

        readiness.stopping();

        assertEquals(503, readiness.answer().status());
        assertEquals(503, readiness.details().status());
    }

    @Test
    void thePublicReadinessNamesNoInternalHostWhileTheAdminPortsNamesThemAll() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture api = ApiFixture.start(Map.of("REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port())))) {
            HttpResponse<String> forAnyone = api.get("/ready");
            HttpResponse<String> admin = api.admin("/ready");

            assertEquals("{\"status\":\"READY\"}", forAnyone.body());
            assertTrue(admin.body().contains(api.provider().url().getHost() + ":" + api.provider().url().getPort()),
                    admin.body());
            assertTrue(admin.body().contains(redis.host() + ":" + redis.port()), admin.body());
        }
    }

    @Test
    void theMetricsAreOnlyOnTheAdminPort() {
        try (ApiFixture api = ApiFixture.start()) {
            HttpResponse<String> forAnyone = api.get("/metrics");
            HttpResponse<String> admin = api.admin("/metrics");

            assertEquals(400, forAnyone.statusCode(), forAnyone.body());
            assertFalse(forAnyone.body().contains("http_requests_total"), forAnyone.body());
            assertEquals(200, admin.statusCode());
            assertTrue(admin.body().contains("http_requests_total"), admin.body());
            assertEquals(200, api.admin("/health").statusCode());
            assertEquals(404, api.admin("/8.8.8.8").statusCode());
        }
    }

    @Test
    void metricsCountRequestsCacheResultsAndProviderCallsInPrometheusFormat() {
        try (ApiFixture api = ApiFixture.start()) {
            api.get("/8.8.8.8");
            api.get("/8.8.8.8");
            api.get("/example.com");
            // Each answer is counted just after it is sent, so a moment after the client has it.
            awaitMetric(api, "http_request_duration_seconds_count{route=\"/{ip}\"}", 3.0);

            HttpResponse<String> metrics = api.admin("/metrics");

            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElseThrow()
                    .startsWith("text/plain; version=0.0.4"));
            String text = metrics.body();
            assertEquals(2.0, value(text, "http_requests_total{method=\"GET\",route=\"/{ip}\",status=\"200\"}"));
            assertEquals(1.0, value(text, "http_requests_total{method=\"GET\",route=\"/{ip}\",status=\"400\"}"));
            assertEquals(1.0, value(text, "geo_cache_lookups_total{result=\"hit\"}"));
            assertEquals(1.0, value(text, "geo_cache_lookups_total{result=\"miss\"}"));
            assertEquals(1.0, value(text,
                    "geo_provider_requests_total{outcome=\"found\",provider=\"ipgeolocation.io\"}"));
            assertEquals(3.0, value(text, "http_request_duration_seconds_count{route=\"/{ip}\"}"));
            assertTrue(value(text, "jvm_memory_used_bytes{area=\"heap\"}") > 0);
            assertFalse(text.contains(ApiFixture.KEY));
        }
    }

    @Test
    void metricsCountFallbacksToTheDatabaseAndRedisErrors() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture api = ApiFixture.start(Map.of("PROVIDER", "auto", "REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port())))) {
            api.provider().answer(503, "{\"message\":\"down\"}");
            redis.kill();

            api.get("/8.8.8.8");
            String text = api.admin("/metrics").body();

            assertEquals(1.0, value(text, "geo_fallback_answers_total"));
            assertEquals(1.0, value(text,
                    "geo_provider_requests_total{outcome=\"failed\",provider=\"ipgeolocation.io\"}"));
            assertEquals(1.0, value(text, "geo_provider_requests_total{outcome=\"found\",provider=\"dbip-lite\"}"));
            assertTrue(value(text, "geo_redis_errors_total") >= 1.0, text);
        }
    }

    @Test
    void everyRequestIsOneAccessLogLineWithoutTheKey() {
        try (ApiFixture api = ApiFixture.start(); CapturedOutput output = CapturedOutput.start()) {
            api.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7");
            api.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7");
            awaitLines(output, "event=access", 2);

            assertEquals(2, output.linesContaining("event=access method=GET path=/8.8.8.8 status=200 duration_ms="));
            assertEquals(1, output.linesContaining(" client=198.51.100.7 cache=MISS source=ipgeolocation.io"));
            assertEquals(1, output.linesContaining(" client=198.51.100.7 cache=HIT source=ipgeolocation.io"));
            assertFalse(output.text().contains(ApiFixture.KEY));
        }
    }

    @Test
    void everyAnswerTellsBrowsersNotToSniffItsType() {
        try (ApiFixture api = ApiFixture.start()) {
            List<HttpResponse<String>> answers = List.of(api.get("/8.8.8.8"), api.get("/example.com"),
                    api.get("/10.0.0.1"), api.get("/a/b/c"), api.get("/8.8.8.8/city"), api.get("/ip"),
                    api.get("/openapi.json"), api.get("/ready"), api.send("OPTIONS", "/8.8.8.8"),
                    api.send("DELETE", "/8.8.8.8"), api.admin("/metrics"), api.admin("/ready"));

            for (HttpResponse<String> answer : answers) {
                assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse("missing"),
                        answer.request().uri() + " " + answer.statusCode());
            }
        }
    }

    @Test
    void anyOriginMayReadAnswersAndPreflightIsAnswered() {
        try (ApiFixture api = ApiFixture.start()) {
            HttpResponse<String> found = api.get("/8.8.8.8", "Origin", "https://example.org");
            HttpResponse<String> refused = api.get("/example.com", "Origin", "https://example.org");
            HttpResponse<String> preflight = api.send("OPTIONS", "/8.8.8.8", "Origin", "https://example.org",
                    "Access-Control-Request-Method", "GET");

            assertEquals("*", found.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals("X-Cache, X-Source, X-Database-Date, Retry-After, ETag",
                    found.headers().firstValue("Access-Control-Expose-Headers").orElseThrow());
            assertEquals("*", refused.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
            assertEquals(204, preflight.statusCode());
            assertEquals("GET, HEAD, POST, OPTIONS",
                    preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
            assertEquals(0 + 1, api.provider().calls());
        }
    }

    @Test
    void aRequestWithABodyIsRefused() {
        try (ApiFixture api = ApiFixture.start()) {
            HttpResponse<String> response = TestHttp.sendWithBody(api.port(), "GET", "/8.8.8.8", "x".repeat(100));

            assertEquals(413, response.statusCode());
            assertTrue(response.body().startsWith("{\"status\":413,\"error\":"), response.body());
            assertEquals(0, api.provider().calls());
        }
    }

    @Test
    void overTheRateLimitAClientGets429WithRetryAfterWhileOthersGoOn() {
        try (ApiFixture api = ApiFixture.start(Map.of("RATE_LIMIT", "3"))) {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, api.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7").statusCode());
            }
            HttpResponse<String> refused = api.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7");

            assertEquals(429, refused.statusCode());
            long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
            assertTrue(ApiFixture.json(refused).path("error").asText().startsWith("too many requests"));
            assertEquals(200, api.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.8").statusCode());
            assertEquals(200, api.get("/health", "X-Forwarded-For", "198.51.100.7").statusCode());
            assertEquals(1.0, value(api.admin("/metrics").body(), "geo_rate_limited_total"));
        }
    }

    @Test
    void withRedisTheRateLimitHoldsAcrossReplicas() {
        try (RedisServer redis = RedisServer.start();
                ApiFixture first = ApiFixture.start(Map.of("RATE_LIMIT", "3", "REDIS_HOST", redis.host(),
                        "REDIS_PORT", Integer.toString(redis.port())));
                ApiFixture second = ApiFixture.replica(first.provider(), Map.of("RATE_LIMIT", "3",
                        "REDIS_HOST", redis.host(), "REDIS_PORT", Integer.toString(redis.port())))) {
            assertEquals(200, first.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7").statusCode());
            assertEquals(200, second.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7").statusCode());
            assertEquals(200, first.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7").statusCode());

            assertEquals(429, second.get("/8.8.8.8", "X-Forwarded-For", "198.51.100.7").statusCode());
        }
    }

    @Test
    void withoutRateLimitNobodyIsLimited() {
        try (ApiFixture api = ApiFixture.start()) {
            for (int i = 0; i < 100; i++) {
                assertEquals(200, api.get("/8.8.8.8").statusCode());
            }
        }
    }

    private static double value(String metrics, String series) {
        Matcher line = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE).matcher(metrics);
        if (!line.find()) {
            throw new AssertionError("no " + series + " in\n" + metrics);
        }
        return Double.parseDouble(line.group(1));
    }

    private static void awaitMetric(ApiFixture api, String series, double expected) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < deadline) {
            String text = api.admin("/metrics").body();
            if (text.contains("\n" + series + " ") && value(text, series) >= expected) {
                return;
            }
            Thread.onSpinWait();
        }
    }

    private static void awaitLines(CapturedOutput output, String fragment, int count) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (output.linesContaining(fragment) < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
