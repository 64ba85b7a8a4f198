package geo.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import geo.api.testing.ApiFixture;
import geo.common.http.RouteTable;
import geo.common.testing.TestHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi.json} describes exactly the routes that exist: a route added to {@link ApiRoutes} without its
 * description (or described but gone) fails here, and every described route answers its example over HTTP.
 */
class OpenApiTest {

    @Test
    void everyRouteIsDescribedAndEveryDescriptionIsARoute() {
        try (ApiFixture api = ApiFixture.start()) {
            JsonNode description = ApiFixture.json(api.get("/openapi.json"));
            Set<String> described = new TreeSet<>();
            description.path("paths").properties().forEach(path -> path.getValue().properties()
                    .forEach(method -> described.add(method.getKey().toUpperCase() + " " + path.getKey())));

            Set<String> routed = new TreeSet<>();
            for (RouteTable.Route route : routesOf(api)) {
                routed.add(route.method() + " " + route.template());
            }

            assertEquals(routed, described);
            assertTrue(description.path("openapi").asText().startsWith("3."));
        }
    }

    @Test
    void everyDescribedRouteAnswersItsExample() {
        try (ApiFixture api = ApiFixture.start()) {
            JsonNode paths = ApiFixture.json(api.get("/openapi.json")).path("paths");
            List<String> failures = new ArrayList<>();
            paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
                JsonNode described = operation.getValue();
                String example = described.path("x-example").asText();
                String method = operation.getKey().toUpperCase();
                HttpResponse<String> response = method.equals("POST")
                        ? TestHttp.sendWithBody(api.port(), method, example, described.path("x-example-body").asText())
                        : api.get(example, headers(described.path("x-example-headers")));
                String status = Integer.toString(response.statusCode());
                if (!status.equals("200") || !described.path("responses").has(status)) {
                    failures.add(method + " " + example + " -> " + status);
                }
            }));
            assertTrue(failures.isEmpty(), failures.toString());
        }
    }

    private static List<RouteTable.Route> routesOf(ApiFixture api) {
        return api.routes().routes();
    }

    private static String[] headers(JsonNode headers) {
        List<String> namesAndValues = new ArrayList<>();
        headers.properties().forEach(header -> {
            namesAndValues.add(header.getKey());
            namesAndValues.add(header.getValue().asText());
        });
        return namesAndValues.toArray(String[]::new);
    }
}
