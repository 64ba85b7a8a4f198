package geo.frontend;

import com.fasterxml.jackson.databind.JsonNode;
import geo.common.http.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** Renders geo-frontend's HTML: the one place that knows its markup. Every value from outside is escaped. */
final class Pages {

    static final Response UP = Response.of(200, Response.JSON, "{\"status\":\"UP\"}");
    static final Response STYLE = new Response(200,
            Map.of("Content-Type", "text/css; charset=utf-8", "Cache-Control", "public, max-age=3600"),
            resource("style.css"));
    static final Response NOT_FOUND = page(404, "", message("error", "There is no such page. Look up an address "
            + "with the form above."));
    static final Response METHOD_NOT_ALLOWED = page(405, "", message("error", "Only GET and HEAD are allowed."))
            .withHeader("Allow", "GET, HEAD");
    static final Response INTERNAL_ERROR = page(500, "", message("error", "Something went wrong on our side."));

    private Pages() {
    }

    /** The form, pre-filled with the address, above the location as a table. */
    static Response location(String address, ApiAnswer.Located located) {
        String attribution = located.needsDbipAttribution()
                ? "\n<p class=\"attribution\"><a href=\"https://db-ip.com\">IP Geolocation by DB-IP</a></p>"
                : "";
        return page(200, address, result(located.location()) + attribution);
    }

    /** The form with an error message below it, under the given status. */
    static Response error(int status, String address, String message) {
        return page(status, address, message("error", message));
    }

    /** The form with a neutral remark below it. */
    static Response note(String remark) {
        return page(200, "", message("note", remark));
    }

    private static Response page(int status, String address, String content) {
        String html = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>geo · IP geolocation</title>
                <link rel="stylesheet" href="/style.css">
                </head>
                <body>
                <main>
                <h1>Where is this IP address?</h1>
                <form method="get" action="/">
                <label for="ip">IP address</label>
                <div class="field">
                <input id="ip" name="ip" value="%s" placeholder="8.8.8.8 or 2001:4860:4860::8888" \
                autocomplete="off" spellcheck="false" autocapitalize="off">
                <button type="submit">Look up</button>
                </div>
                </form>
                %s
                </main>
                </body>
                </html>
                """.formatted(Html.escape(address), content);
        return Response.of(status, Response.HTML, html);
    }

    private static String message(String kind, String text) {
        return "<p class=\"" + kind + "\" role=\"" + (kind.equals("error") ? "alert" : "status") + "\">"
                + Html.escape(text) + "</p>";
    }

    private static String result(JsonNode location) {
        StringBuilder html = new StringBuilder(4096);
        html.append("<section class=\"result\">\n<h2>").append(Html.escape(location.path("ip").asText()))
                .append("</h2>\n<table>\n<tbody>\n");
        for (Rows.Row row : Rows.of(location)) {
            html.append("<tr><th scope=\"row\">").append(Html.escape(row.name())).append("</th><td>")
                    .append(Html.escape(row.value())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n<p class=\"served\">Answered by api replica <code>")
                .append(Html.escape(location.path("apiServer").asText("unknown")))
                .append("</code>, ")
                .append(location.path("cached").asBoolean() ? "from the cache" : "fresh from the provider")
                .append(".</p>\n</section>");
        return html.toString();
    }

    private static byte[] resource(String name) {
        try (InputStream in = Pages.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
