package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A location as HTML: the answer at a glance (address, place, flag, map), then every field in grouped tables, then
 * which replica answered. Every value from geo-api is escaped.
 */
final class ResultView {

    private ResultView() {
    }

    /** Appends the location to the page. */
    static void appendTo(PageBuffer html, ApiAnswer.Located located) {
        JsonNode location = located.location();
        String ip = location.path("ip").asText();
        html.append("<section class=\"result\" aria-labelledby=\"result-title\">\n");
        appendSummary(html, location, ip);
        for (Rows.Group group : Rows.of(location)) {
            appendGroup(html, group);
        }
        String source = Html.escape(sourceName(located.source()));
        html.append("<p class=\"served\">Answered by api replica <code>")
                .append(Html.escape(location.path("apiServer").asText("unknown")))
                .append("</code>, ")
                .append(location.path("cached").asBoolean() ? "from the cache; the location is from " + source
                        : "fresh from " + source)
                .append(".</p>\n");
        if (located.needsDbipAttribution()) {
            html.append("<p class=\"attribution\"><a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a></p>\n");
        }
        html.append("</section>");
    }

    private static void appendSummary(PageBuffer html, JsonNode location, String ip) {
        String countryCode = location.path("country_code2").asText("");
        String countryName = location.path("country_name").asText("");
        Optional<Coordinates> coordinates = Coordinates.of(location);
        html.append("<div class=\"summary\">\n<div class=\"place\">\n<h2 id=\"result-title\">");
        Optional<String> flag = Flag.of(countryCode);
        if (flag.isPresent()) {
            html.append("<span class=\"flag\" role=\"img\" aria-label=\"")
                    .append(Html.escape("Flag of " + (countryName.isEmpty() ? countryCode : countryName)))
                    .append("\">").append(Html.escape(flag.get())).append("</span> ");
        }
        html.append("<span class=\"address\">").append(Html.escape(ip)).append("</span></h2>\n");
        String place = place(location);
        html.append("<p class=\"where\">")
                .append(place.isEmpty() ? "No place is known for this address." : Html.escape(place))
                .append("</p>\n<p class=\"links\">");
        coordinates.ifPresent(at -> html.append("<span class=\"coordinates\">")
                .append(Html.escape(location.path("latitude").asText())).append(", ")
                .append(Html.escape(location.path("longitude").asText())).append("</span> · ")
                .append("<a href=\"").append(Html.escape(openStreetMap(at)))
                .append("\" rel=\"noopener\">Open in OpenStreetMap</a> · "));
        html.append("<a href=\"/json?ip=").append(Html.escape(URLEncoder.encode(ip, StandardCharsets.UTF_8)))
                .append("\">Raw JSON</a></p>\n</div>\n");
        coordinates.ifPresent(at -> {
            WorldMap.appendSvg(html, at, "World map with a marker at " + location.path("latitude").asText() + ", "
                    + location.path("longitude").asText() + (place.isEmpty() ? "" : " (" + place + ")"));
            html.append('\n');
        });
        html.append("</div>\n");
    }

    private static void appendGroup(PageBuffer html, Rows.Group group) {
        html.append("<h3>").append(Html.escape(group.title())).append("</h3>\n<table>\n<tbody>\n");
        for (Rows.Row row : group.rows()) {
            html.append("<tr data-field=\"").append(Html.escape(row.field())).append("\"><th scope=\"row\">")
                    .append(Html.escape(row.label())).append("</th><td>").append(Html.escape(row.value()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** Where geo-api took a location from, as its {@code X-Source} names it, in words. */
    static String sourceName(String source) {
        return switch (source) {
            case ApiAnswer.DBIP -> "the offline database (DB-IP Lite)";
            case "" -> "geo-api's source";
            default -> source;
        };
    }

    /** "Mountain View, California, United States": the parts that are known, smallest first. */
    static String place(JsonNode location) {
        StringJoiner place = new StringJoiner(", ");
        for (String field : new String[] {"city", "state_prov", "country_name"}) {
            String part = location.path(field).asText("").strip();
            if (!part.isEmpty()) {
                place.add(part);
            }
        }
        return place.toString();
    }

    /** A link to the spot on OpenStreetMap; it is only followed when the visitor clicks it. */
    private static String openStreetMap(Coordinates at) {
        String latitude = FixedPoint.of(at.latitude(), 5);
        String longitude = FixedPoint.of(at.longitude(), 5);
        return "https://www.openstreetmap.org/?mlat=" + latitude + "&mlon=" + longitude + "#map=11/" + latitude + "/"
                + longitude;
    }
}
