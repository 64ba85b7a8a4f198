package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.common.testing.CapturedOutput;
import geo.common.testing.TestHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GeoFrontendTest {

    private static final Pattern ROW = Pattern.compile(
            "<tr data-field=\"(.*?)\"><th scope=\"row\">.*?</th><td>(.*?)</td></tr>");

    private FrontendFixture site;

    @BeforeEach
    void start() {
        site = FrontendFixture.start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void anAddressIsShownAsATableWithNestedFieldsFlattened() {
        HttpResponse<String> page = site.get("/?ip=8.8.8.8");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        Map<String, String> rows = rows(page.body());
        assertEquals("8.8.8.8", rows.get("ip"));
        assertEquals("Mountain View", rows.get("city"));
        assertEquals("United States", rows.get("country_name"));
        assertEquals("America/Los_Angeles", rows.get("time_zone.name"));
        assertEquals("USD", rows.get("currency.code"));
        assertEquals("1795455780.0", rows.get("time_zone.current_time_unix"));
        assertEquals("-8", rows.get("time_zone.offset"));
        assertFalse(rows.containsKey("cached"));
        assertFalse(rows.containsKey("apiServer"));
    }

    @Test
    void theTableIsGroupedWithReadableLabels() {
        String page = site.get("/?ip=8.8.8.8").body();

        assertTrue(page.contains("<h3>Location</h3>"), page);
        assertTrue(page.contains("<tr data-field=\"country_name\"><th scope=\"row\">Country</th>"
                + "<td>United States</td></tr>"), page);
        assertTrue(page.contains("<tr data-field=\"is_eu\"><th scope=\"row\">In the EU</th><td>no</td></tr>"),
                page);
        assertInOrder(page, "<h3>Location</h3>", "<h3>Network</h3>", "<h3>Time zone</h3>", "<h3>Currency</h3>");
        assertInOrder(page, "<h3>Network</h3>", "data-field=\"isp\"", "<h3>Time zone</h3>",
                "data-field=\"time_zone.name\"", "<h3>Currency</h3>", "data-field=\"currency.code\"");
    }

    @Test
    void aboveTheTableTheAddressPlaceFlagAndMapAreShown() {
        String page = site.get("/?ip=8.8.8.8").body();

        assertTrue(page.contains("<span class=\"flag\" role=\"img\" aria-label=\"Flag of United States\">"
                + "&#x1F1FA;&#x1F1F8;</span> <span class=\"address\">8.8.8.8</span>"), page);
        assertTrue(page.contains("<p class=\"where\">Mountain View, California, United States</p>"), page);
        assertTrue(page.contains("href=\"https://www.openstreetmap.org/?mlat=37.42240&amp;mlon=-122.08421"
                + "#map=11/37.42240/-122.08421\""), page);
        assertTrue(page.contains("<a href=\"/json?ip=8.8.8.8\">Raw JSON</a>"), page);
        // Equirectangular, 2 units per degree: x = (longitude + 180) * 2, y = (90 - latitude) * 2.
        assertTrue(page.contains("<circle class=\"marker\" cx=\"115.83\" cy=\"105.16\" r=\"5\"/>"), page);
    }

    @Test
    void theMapsLandIsOneImageForEveryPageThatBrowsersKeep() {
        String page = site.get("/?ip=8.8.8.8").body();
        HttpResponse<String> land = site.get("/world-land.svg");

        assertTrue(page.contains("<use class=\"land\" href=\"/world-land.svg#land\"/>"), page);
        assertFalse(page.contains("<path"), page);
        assertEquals(200, land.statusCode());
        assertEquals("image/svg+xml", land.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=3600", land.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(land.body().startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"><path id=\"land\" d=\"M"),
                land.body().substring(0, 100));
    }

    @Test
    void theRawJsonLinkPassesOnTheApisAnswer() {
        HttpResponse<String> json = site.get("/json?ip=8.8.8.8");
        HttpResponse<String> direct = TestHttp.send(site.api().port(), "GET", "/8.8.8.8");

        assertEquals(200, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(direct.body().replace("\"cached\":true", "\"cached\":false"), json.body());
    }

    @Test
    void theRawJsonWithoutAnAddressIsTheVisitorsOwn() {
        HttpResponse<String> json = site.get("/json", "X-Forwarded-For", "9.9.9.9");

        assertEquals(200, json.statusCode());
        assertTrue(json.body().startsWith("{\"ip\":\"9.9.9.9\""), json.body());
    }

    @Test
    void theRawJsonOfABadAddressIsTheApisError() {
        HttpResponse<String> json = site.get("/json?ip=10.0.0.1");

        assertEquals(422, json.statusCode());
        assertTrue(json.body().startsWith("{\"status\":422,\"error\":\"10.0.0.1 is a private address"), json.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?ip=8.8.8.8", "/?ip=example.com", "/nothing", "/style.css", "/world-land.svg",
            "/json?ip=8.8.8.8", "/health"})
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        HttpResponse<String> response = site.get(path);

        assertEquals("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'", response.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElseThrow());
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElseThrow());
    }

    @Test
    void pagesHaveNoScriptAndNothingFromAnotherOrigin() {
        String page = site.get("/?ip=8.8.8.8").body();

        assertFalse(page.contains("<script"), page);
        Matcher resource = Pattern.compile("(?:src|href)=\"([^\"]*)\"").matcher(page);
        while (resource.find()) {
            String url = resource.group(1);
            boolean link = page.substring(Math.max(0, resource.start() - 40), resource.start()).contains("<a ");
            assertTrue(url.startsWith("/") || link, "only links may point elsewhere: " + url);
        }
    }

    @Test
    void belowTheTableItSaysWhichReplicaAnsweredWhetherFromTheCacheAndTheSource() {
        HttpResponse<String> first = site.get("/?ip=8.8.8.8");
        HttpResponse<String> second = site.get("/?ip=8.8.8.8");

        assertTrue(first.body().contains("Answered by api replica <code>api-replica-1</code>, fresh from "
                + "ipgeolocation.io."), first.body());
        assertTrue(second.body().contains("Answered by api replica <code>api-replica-1</code>, from the cache; the "
                + "location is from ipgeolocation.io."), second.body());
    }

    @Test
    void anAnswerOfTheOfflineDatabaseSaysSoNotThatItIsFromTheProvider() {
        try (FrontendFixture offline = FrontendFixture.start(Map.of("PROVIDER", "database"))) {
            String page = offline.get("/?ip=8.8.8.8").body();

            assertTrue(page.contains("Answered by api replica <code>api-replica-1</code>, fresh from the offline "
                    + "database (DB-IP Lite)."), page);
            assertFalse(page.contains("provider"), page);
        }
    }

    @Test
    void dataFromTheOfflineDatabaseIsAttributedToDbIpAsItsLicenceAsks() {
        try (FrontendFixture offline = FrontendFixture.start(Map.of("PROVIDER", "database"))) {
            String page = offline.get("/?ip=8.8.8.8").body();

            assertEquals("US", rows(page).get("country_code2"));
            assertTrue(page.contains("<a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>"), page);
        }
    }

    @Test
    void dataFromIpgeolocationNeedsNoDbIpAttributionOfItsOwn() {
        assertFalse(site.get("/?ip=8.8.8.8").body().contains("<p class=\"attribution\">"));
    }

    @Test
    void everyPageCreditsTheOfflineDataInItsFooterAsItsLicencesAsk() {
        for (String path : new String[] {"/", "/?ip=8.8.8.8", "/?ip=example.com", "/nowhere"}) {
            String page = site.get(path).body();

            assertTrue(page.contains("<a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>"), path);
            assertTrue(page.contains("<a href=\"https://www.routeviews.org\">RouteViews</a>"), path);
            assertTrue(page.contains("<a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>"), path);
        }
    }

    @Test
    void anOfflineAnswerShowsItsNetworkAndNoEmptyRows() {
        try (FrontendFixture offline = FrontendFixture.start(Map.of("PROVIDER", "database"))) {
            String page = offline.get("/?ip=8.8.8.8").body();
            Map<String, String> rows = rows(page);

            assertEquals("AS15169", rows.get("asn"));
            assertEquals("Google LLC", rows.get("organization"));
            assertInOrder(page, "<h3>Network</h3>", "data-field=\"organization\"", "<h3>Time zone</h3>");
            assertFalse(rows.containsKey("district"), rows.toString());
            rows.forEach((field, value) -> assertFalse(value.isBlank(), field + " is an empty row"));
        }
    }

    @Test
    void severalOfflineAnswersShowTheirNetworkAsOrganizationAndAsNumber() {
        try (FrontendFixture offline = FrontendFixture.start(Map.of("PROVIDER", "database"))) {
            String page = offline.get("/?ips=8.8.8.8%0A1.1.1.1").body();

            assertTrue(page.contains("<td>Google LLC (AS15169)</td>"), page);
            assertTrue(page.contains("<td>Cloudflare, Inc. (AS13335)</td>"), page);
        }
    }

    @Test
    void theFormIsLabelledAndKeepsTheAddressShown() {
        String page = site.get("/?ip=1.1.1.1").body();

        assertTrue(page.contains("<form class=\"lookup\" method=\"get\" action=\"/\">"), page);
        assertTrue(page.contains("<label for=\"ip\">IP address</label>"), page);
        assertTrue(page.contains("name=\"ip\" value=\"1.1.1.1\""), page);
    }

    @Test
    void spacesAroundTheAddressAreIgnored() {
        HttpResponse<String> page = site.get("/?ip=++8.8.8.8%20");

        assertEquals(200, page.statusCode());
        assertEquals("8.8.8.8", rows(page.body()).get("ip"));
    }

    @Test
    void theOriginalFrontendsPathShowsTheSame() {
        HttpResponse<String> page = site.get("/ip/2001:4860:4860::8888");

        assertEquals(200, page.statusCode());
        assertEquals("2001:4860:4860::8888", rows(page.body()).get("ip"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "example.com|400|&#39;example.com&#39; is not an IPv4 or IPv6 address",
            "10.0.0.1|422|10.0.0.1 is a private address, not a public one: it has no location",
            "../health|400|&#39;../health&#39; is not an IPv4 or IPv6 address",
            "..|400|&#39;..&#39; is not an IPv4 or IPv6 address",
            "8.8.8.8/../../status|400|is not an IPv4 or IPv6 address",
    })
    void theApisErrorIsShownWithItsStatus(String address, int status, String message) {
        HttpResponse<String> page = site.get("/?ip=" + URLEncoder.encode(address,
                StandardCharsets.UTF_8));

        assertEquals(status, page.statusCode());
        assertTrue(page.body().contains(message), page.body());
        assertTrue(page.body().contains("aria-invalid=\"true\" aria-describedby=\"ip-problem\""), page.body());
        assertTrue(page.body().contains("<p id=\"ip-problem\" class=\"problem\" role=\"alert\">"), page.body());
        assertEquals(0, site.api().provider().calls());
    }

    @Test
    void aShortPageAfterALongOneHoldsNothingOfIt() {
        // Pages are written into buffers that earlier pages used (Pages.SPARE_BUFFERS).
        for (int i = 0; i < 3; i++) {
            assertEquals(200, site.get("/?ip=8.8.8.8").statusCode());
        }
        HttpResponse<String> page = site.get("/?ip=+");

        assertEquals(400, page.statusCode());
        assertFalse(page.body().contains("Mountain View"), page.body());
        assertTrue(page.body().endsWith("</html>\n"), page.body());
    }

    @Test
    void anEmptyAddressAsksForOne() {
        HttpResponse<String> page = site.get("/?ip=+");

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("Enter an IP address to look up"), page.body());
    }

    @Test
    void aProviderFailureShowsTheApisMessageAndStatus() {
        site.api().provider().answer(500, "{\"message\":\"oops\"}");

        HttpResponse<String> page = site.get("/?ip=8.8.8.8");

        assertEquals(502, page.statusCode());
        assertTrue(page.body().contains("the geolocation provider failed: it answered HTTP 500"), page.body());
    }

    @Test
    void aQuotaErrorKeepsItsRetryAfter() {
        site.api().provider().answer(new MockResponse.Builder().code(429).setHeader("Retry-After", "30")
                .body("{\"message\":\"quota\"}").build());

        HttpResponse<String> page = site.get("/?ip=8.8.8.8");

        assertEquals(503, page.statusCode());
        assertEquals("30", page.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void everyValueFromTheProviderIsEscaped() {
        site.api().provider().city("<script>alert(1)</script>");

        String page = site.get("/?ip=8.8.8.8").body();

        assertTrue(page.contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>"), page);
        assertFalse(page.contains("<script>"), page);
    }

    @Test
    void withoutAnAddressTheVisitorsOwnForwardedAddressIsShown() {
        HttpResponse<String> page = site.get("/", "X-Forwarded-For", "9.9.9.9");

        assertEquals(200, page.statusCode());
        assertEquals("9.9.9.9", rows(page.body()).get("ip"));
        assertTrue(page.body().contains("value=\"9.9.9.9\""), page.body());
    }

    @Test
    void aVisitorWithoutAPublicAddressGetsTheFormAndANote() {
        HttpResponse<String> page = site.get("/");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Your own address has no public location (127.0.0.1 is a loopback address"),
                page.body());
        assertTrue(page.body().contains("<input id=\"ip\""), page.body());
    }

    @Test
    void anUnreachableApiIsAFriendly502Page() {
        try (GeoFrontend orphan = FrontendFixture.startFrontend(Map.of("API_SERVER_PORT",
                Integer.toString(TestHttp.closedPort())))) {
            HttpResponse<String> page = FrontendFixture.send(orphan.port(), "GET", "/?ip=8.8.8.8");

            assertEquals(502, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(page.body().contains("geo-api cannot be reached right now"), page.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/status"})
    void healthAndStatusAreUp(String path) {
        HttpResponse<String> response = site.get(path);

        assertEquals(200, response.statusCode());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void severalAddressesAreOneTableInTheOrderAskedThroughOneBulkCall() {
        HttpResponse<String> page = site.get("/?ips=" + URLEncoder.encode("8.8.8.8\n 1.1.1.1 \nexample.com",
                StandardCharsets.UTF_8));

        assertEquals(200, page.statusCode());
        String body = page.body();
        assertInOrder(body, "<tr data-ip=\"8.8.8.8\">", "<tr data-ip=\"1.1.1.1\">", "<tr data-ip=\"example.com\">");
        assertTrue(body.contains("<th scope=\"row\"><a href=\"/?ip=1.1.1.1\">1.1.1.1</a></th><td class=\"place\">"
                + "&#x1F1FA;&#x1F1F8; Mountain View, California, United States</td>"), body);
        assertTrue(body.contains("<td colspan=\"3\" class=\"row-problem\">&#39;example.com&#39; is not an IPv4 or "
                + "IPv6 address</td>"), body);
        assertTrue(body.contains("<details class=\"several\" open>"), body);
        assertEquals(1, site.api().provider().calls());
        assertEquals("/v2/ipgeo-bulk", site.api().provider().requests().getFirst().getUrl().encodedPath());
    }

    @Test
    void moreThanFiftyAddressesAreRefusedNextToTheField() {
        String many = String.join("\n", Collections.nCopies(51, "8.8.8.8"));

        HttpResponse<String> page = site.get("/?ips=" + URLEncoder.encode(many,
                StandardCharsets.UTF_8));

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("<p id=\"ips-problem\" class=\"problem\" role=\"alert\">At most 50 "
                + "addresses at once, not 51.</p>"), page.body());
        assertEquals(0, site.api().provider().calls());
    }

    @Test
    void severalAddressesFromTheDatabaseAreAttributedToDbIp() {
        try (FrontendFixture offline = FrontendFixture.start(Map.of("PROVIDER", "database"))) {
            String page = offline.get("/?ips=8.8.8.8%0A1.1.1.1").body();

            assertTrue(page.contains("<a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a>"), page);
        }
    }

    @Test
    void severalAddressesWithHostileValuesAreEscaped() {
        site.api().provider().city("<script>alert(1)</script>");

        String page = site.get("/?ips=8.8.8.8%0A1.1.1.1").body();

        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;, California"), page);
        assertFalse(page.contains("<script>"), page);
    }

    @Test
    void readyAndMetricsAreThereForOperators() {
        site.get("/?ip=8.8.8.8");

        HttpResponse<String> ready = site.get("/ready");
        HttpResponse<String> metrics = TestHttp.send(site.adminPort(), "GET", "/metrics");

        assertEquals(200, ready.statusCode());
        assertEquals("{\"status\":\"READY\"}", ready.body());
        assertEquals(404, site.get("/metrics").statusCode());
        assertEquals("{\"status\":\"READY\"}", TestHttp.send(site.adminPort(), "GET", "/ready").body());
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.body().contains("http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1.0"),
                metrics.body());
        assertTrue(metrics.body().contains("jvm_threads_current"), metrics.body());
    }

    @Test
    void everyRequestIsOneAccessLogLine() throws Exception {
        try (CapturedOutput output = CapturedOutput.start()) {
            site.get("/?ip=8.8.8.8");
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (output.linesContaining("event=access method=GET path=/ status=200") < 1
                    && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }

            assertEquals(1, output.linesContaining("event=access method=GET path=/ status=200"), output.text());
        }
    }

    @Test
    void aRequestWithABodyIsRefused() {
        HttpResponse<String> page = TestHttp.sendWithBody(site.port(), "GET", "/?ip=8.8.8.8", "x".repeat(100));

        assertEquals(413, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(0, site.api().provider().calls());
    }

    @Test
    void theStyleSheetIsServedFromTheSameOrigin() {
        HttpResponse<String> response = site.get("/style.css");

        assertEquals(200, response.statusCode());
        assertEquals("text/css; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(response.body().contains("prefers-color-scheme: dark"));
    }

    @Test
    void anUnknownPathIsAn404Page() {
        HttpResponse<String> page = site.get("/nothing/here");

        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("There is no such page"), page.body());
    }

    @Test
    void otherMethodsThanGetAndHeadAreRefused() {
        HttpResponse<String> page = site.send("POST", "/?ip=8.8.8.8");

        assertEquals(405, page.statusCode());
        assertEquals("GET, HEAD", page.headers().firstValue("Allow").orElseThrow());
    }

    private static void assertInOrder(String text, String... parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, part + " missing or out of order");
            from = at + part.length();
        }
    }

    private static Map<String, String> rows(String html) {
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher row = ROW.matcher(html);
        while (row.find()) {
            rows.put(row.group(1), row.group(2));
        }
        return rows;
    }
}
