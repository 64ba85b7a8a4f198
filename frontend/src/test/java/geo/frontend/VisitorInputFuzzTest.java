package geo.frontend;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import geo.common.net.IpAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of what a visitor types into geo-frontend, on every route that takes an address: whatever
 * the text, geo-api is asked nothing but address look-ups. In a normal test run it runs once, plus the inputs Jazzer
 * saved as failing under {@code src/test/resources/geo/frontend/VisitorInputFuzzTestInputs/}; {@code scripts/fuzz.sh}
 * fuzzes it for 60 s, and CI runs that.
 */
class VisitorInputFuzzTest {

    private static RecordingApi api;
    private static GeoFrontend site;
    private static SilentCloseable loopbackAllowed;

    /** On the first input: Jazzer's bug detectors can be told what to allow only once its agent runs. */
    private static void startOnce() {
        if (site != null) {
            return;
        }
        // Jazzer reports every connection as a possible request forgery; these go to this test's own servers.
        loopbackAllowed = BugDetectors.allowNetworkConnections(
                (host, port) -> host.equals("localhost") || host.equals("127.0.0.1"));
        api = RecordingApi.start();
        site = FrontendFixture.startFrontend(Map.of("API_SERVER_PORT", Integer.toString(api.port())));
    }

    @AfterAll
    static void stop() {
        if (site != null) {
            site.close();
            api.close();
            loopbackAllowed.close();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void whateverIsTypedReachesGeoApiOnlyAsAddressLookUps(String typed) {
        if (typed == null) {
            // Jazzer may pass null; a query parameter is never null.
            return;
        }
        startOnce();
        api.forget();
        String query = URLEncoder.encode(typed, StandardCharsets.UTF_8);
        for (String path : List.of("/?ip=" + query, "/ip/" + query.replace("+", "%20"), "/json?ip=" + query,
                "/?ips=" + query)) {
            int status = FrontendFixture.send(site.port(), "GET", path).statusCode();
            assertTrue(status == 200 || status == 400, path + " answered " + status);
        }
        for (RecordingApi.Asked asked : api.asked()) {
            assertTrue(isAddressLookUp(asked, typed), "asked geo-api " + asked + " for " + typed);
        }
    }

    /** A look-up of one canonical address, of several in a bulk body, or of the visitor when nothing was typed. */
    private static boolean isAddressLookUp(RecordingApi.Asked asked, String typed) {
        return switch (asked.method() + " " + asked.rawPath()) {
            case "GET /" -> typed.strip().isEmpty();
            case "POST /bulk" -> asked.body().matches("\\{\"ips\":\\[\"[0-9a-f.:]+\"(,\"[0-9a-f.:]+\")*]}");
            default -> asked.method().equals("GET") && asked.rawPath().startsWith("/ip/")
                    && IpAddress.parse(asked.rawPath().substring(4))
                            .map(address -> address.canonical().equals(asked.rawPath().substring(4)))
                            .orElse(false);
        };
    }
}
