package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Several addresses as one table, a row each in the order asked: the place at a glance and a link to the full
 * answer, or what geo-api said was wrong with that address. Every value from geo-api is escaped.
 */
final class SeveralView {

    private SeveralView() {
    }

    /** Appends the table of the addresses asked, in their order, to the page. */
    static void appendTo(PageBuffer html, List<String> asked, ApiAnswer.LocatedMany many) {
        html.append("<section class=\"result several-result\" aria-labelledby=\"several-title\">\n")
                .append("<h2 id=\"several-title\">").append(asked.size())
                .append(asked.size() == 1 ? " address" : " addresses").append("</h2>\n")
                .append("<div class=\"table-scroll\"><table class=\"several-table\">\n<thead><tr>")
                .append("<th scope=\"col\">Address</th><th scope=\"col\">Place</th><th scope=\"col\">Time zone</th>")
                .append("<th scope=\"col\">Network</th></tr></thead>\n<tbody>\n");
        JsonNode answers = many.answers();
        for (int i = 0; i < asked.size(); i++) {
            JsonNode answer = i < answers.size() ? answers.get(i) : null;
            appendRow(html, asked.get(i), answer);
        }
        html.append("</tbody>\n</table></div>\n");
        if (many.needsDbipAttribution()) {
            html.append("<p class=\"attribution\"><a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a></p>\n");
        }
        html.append("</section>");
    }

    private static void appendRow(PageBuffer html, String asked, JsonNode answer) {
        html.append("<tr data-ip=\"").append(Html.escape(asked)).append("\">");
        if (answer == null || answer.has("error")) {
            String error = answer == null ? "no answer" : answer.path("error").asText();
            html.append("<th scope=\"row\">").append(Html.escape(asked)).append("</th>")
                    .append("<td colspan=\"3\" class=\"row-problem\">").append(Html.escape(error)).append("</td>");
        } else {
            String ip = answer.path("ip").asText(asked);
            html.append("<th scope=\"row\"><a href=\"/?ip=")
                    .append(Html.escape(URLEncoder.encode(ip, StandardCharsets.UTF_8))).append("\">")
                    .append(Html.escape(ip)).append("</a></th>")
                    .append("<td class=\"place\">").append(place(answer)).append("</td>")
                    .append("<td>").append(Html.escape(answer.path("time_zone").path("name").asText(""))).append("</td>")
                    .append("<td>").append(Html.escape(network(answer))).append("</td>");
        }
        html.append("</tr>\n");
    }

    /** "🇺🇸 Mountain View, California, United States", escaped. */
    private static String place(JsonNode answer) {
        String flag = Flag.of(answer.path("country_code2").asText("")).map(emoji -> emoji + " ").orElse("");
        return Html.escape(flag + ResultView.place(answer));
    }

    /** "Google LLC (AS15169)": the organization (or else the ISP) and the AS number, as far as they are known. */
    private static String network(JsonNode answer) {
        String organization = answer.path("organization").asText("").strip();
        String holder = organization.isEmpty() ? answer.path("isp").asText("").strip() : organization;
        String asn = answer.path("asn").asText("").strip();
        return holder.isEmpty() ? asn : asn.isEmpty() ? holder : holder + " (" + asn + ")";
    }
}
